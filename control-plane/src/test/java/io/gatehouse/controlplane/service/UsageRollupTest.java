package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.config.TestConfigs;
import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.gatehouse.controlplane.domain.UsageCounter;
import io.gatehouse.controlplane.model.IdentityEntity;
import io.gatehouse.controlplane.repository.AdvisoryLock;
import io.gatehouse.controlplane.repository.OperationUsageRepository;
import io.gatehouse.controlplane.repository.UsageRollupRepository;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The usage rollup counts each stored call exactly once, from every chain, however often it runs, and moves the
 * identity's last use to its latest allowed call; events that are not calls of an identity are not usage.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class UsageRollupTest {

    private static final String IDENTITY = "deploy-bot";

    @Inject
    DeclarativeConfigLoader loader;

    @Inject
    PolicyUpdateService policyUpdates;

    @Inject
    AuditStore store;

    @Inject
    UsageRollup rollup;

    @Inject
    UsageRollupRepository positions;

    @Inject
    OperationUsageRepository usage;

    @BeforeEach
    void startFromTheReadmeExample() {
        policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE, "example.yaml"), "example.yaml");
    }

    @Test
    void callsOfEveryChainAreCountedOnceHoweverOftenTheRollupRuns() {
        LocalDate day = LocalDate.parse("2033-06-01");
        long callsBefore = callsOn(day);
        long allowedBefore = allowedOn(day);
        String first = "dp-" + UUID.randomUUID();
        String second = "dp-" + UUID.randomUUID();
        store.store(List.of(call(first, day, "08:00", AuditDecision.ALLOWED), call(first, day, "08:01", AuditDecision.DENIED),
                call(second, day, "08:02", AuditDecision.ALLOWED)));
        UsageRollups.countEverythingStored(rollup);
        UsageRollups.countEverythingStored(rollup);

        store.store(List.of(call(second, day, "08:03", AuditDecision.ALLOWED)));
        UsageRollups.countEverythingStored(rollup);

        assertEquals(callsBefore + 4, callsOn(day));
        assertEquals(allowedBefore + 3, allowedOn(day));
    }

    @Test
    void eventsThatAreNotCallsOfAnIdentityAreNotUsage() {
        LocalDate day = LocalDate.parse("2033-06-02");
        String source = "dp-" + UUID.randomUUID();
        long before = callsOn(day);
        AuditRecord anonymous = new AuditRecord(UUID.randomUUID(), "req-" + UUID.randomUUID(), at(day, "09:00"), source,
                null, "demo", "GET", "/demo/customers/1", AuditDecision.DENIED, "no token", null, 0, 1, List.of(),
                AuditRecord.CALL, null, Map.of(), null);
        AuditRecord tokenIssued = new AuditRecord(UUID.randomUUID(), null, at(day, "09:01"), source, IDENTITY, null, null,
                null, AuditDecision.ALLOWED, "token issued", null, 0, 0, List.of(), "token.issued", "token-service",
                Map.of(), null);
        store.store(List.of(anonymous, tokenIssued, call(source, day, "09:02", AuditDecision.ALLOWED)));
        UsageRollups.countEverythingStored(rollup);

        assertEquals(before + 1, callsOn(day));
    }

    @Test
    void lastUseMovesToTheLatestAllowedCallOnly() {
        // the latest day of this class's calls, so that no other call of the identity is later
        LocalDate day = LocalDate.parse("2033-06-30");
        String source = "dp-" + UUID.randomUUID();
        store.store(List.of(call(source, day, "23:58", AuditDecision.ALLOWED), call(source, day, "23:59", AuditDecision.DENIED)));
        UsageRollups.countEverythingStored(rollup);

        Instant lastUsed = QuarkusTransaction.requiringNew().call(() ->
                IdentityEntity.<IdentityEntity>find("name", IDENTITY).firstResult().lastUsedAt);
        assertEquals(Instant.parse("2033-06-30T23:58:00Z"), lastUsed);
    }

    @Test
    void whileAnotherReplicaRollsUpThisOneStepsAside() throws Exception {
        try (AdvisoryLock held = positions.tryLock().orElseThrow()) {
            assertEquals(-1, rollup.catchUp());
        }
        assertTrue(rollup.catchUp() >= 0);
    }

    private long callsOn(LocalDate day) {
        return countersOn(day).stream().mapToLong(UsageCounter::calls).sum();
    }

    private long allowedOn(LocalDate day) {
        return countersOn(day).stream().mapToLong(UsageCounter::allowed).sum();
    }

    private List<UsageCounter> countersOn(LocalDate day) {
        return usage.rows(List.of(IDENTITY), day, day).getOrDefault(IDENTITY, List.of());
    }

    private static AuditRecord call(String source, LocalDate day, String time, AuditDecision decision) {
        return new AuditRecord(UUID.randomUUID(), "req-" + UUID.randomUUID(), at(day, time), source, IDENTITY, "demo", "GET",
                "/demo/customers/1", decision, "test", null, decision == AuditDecision.ALLOWED ? 200 : 0, 3, List.of(),
                AuditRecord.CALL, null, Map.of(), null, decision == AuditDecision.ALLOWED ? "/customers/**" : null);
    }

    private static Instant at(LocalDate day, String time) {
        return Instant.parse(day + "T" + time + ":00Z");
    }
}
