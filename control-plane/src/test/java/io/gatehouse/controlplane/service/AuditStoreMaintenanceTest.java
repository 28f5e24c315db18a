package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.Eventually;
import io.gatehouse.controlplane.domain.AuditChainReport;
import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditPartition;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.gatehouse.controlplane.repository.AdvisoryLock;
import io.gatehouse.controlplane.repository.AuditForwardPositions;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The partitioned audit store (migration V15) and its maintenance job: partitions ahead of time, events in their
 * month's partition (or the default one until their month has one), duplicates removed, retention dropping whole
 * partitions with signed cuts the verifier anchors at, and replicas taking turns.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class AuditStoreMaintenanceTest {

    private static final String SINK = "otlp:http://siem.test/v1/logs";

    @Inject
    AuditStore store;

    @Inject
    AuditStoreMaintenance maintenance;

    @Inject
    AuditChainVerifier verifier;

    @Inject
    AuditCheckpointer checkpointer;

    @Inject
    AuditForwardPositions positions;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void partitionsAreReadyAheadAndEachEventLandsInItsMonth() throws Exception {
        Instant now = Instant.now();
        runUntilItRan(now, Optional.empty(), Optional.empty());
        AuditPartition current = AuditPartition.containing(now);
        for (int ahead = 0; ahead <= 2; ahead++) {
            assertTrue(exists(current.plusMonths(ahead)), current.plusMonths(ahead).name() + " is created ahead");
        }

        String source = "dp-" + UUID.randomUUID();
        AuditRecord today = event(source, now);
        AuditRecord nextMonth = event(source, current.plusMonths(1).from().plusSeconds(3600));
        AuditRecord longAgo = event(source, Instant.parse("1990-06-15T12:00:00Z"));
        store.store(List.of(today, nextMonth, longAgo));
        assertEquals(current.name(), partitionOf(today));
        assertEquals(current.plusMonths(1).name(), partitionOf(nextMonth));
        assertEquals("audit_event_default", partitionOf(longAgo), "a month without a partition waits in the default one");

        AuditStoreMaintenance.Run run = runUntilItRan(now, Optional.empty(), Optional.empty());
        assertTrue(run.created().contains(new AuditPartition(java.time.YearMonth.of(1990, 6))), run.toString());
        assertEquals("audit_event_1990_06", partitionOf(longAgo), "moved into its own partition");
        assertEquals(List.of(), only(source).problems());
    }

    @Test
    void theStoreRemovesDuplicatesByEventIdInEveryPartition() throws Exception {
        String source = "dp-" + UUID.randomUUID();
        List<AuditRecord> batch = List.of(event(source, Instant.now()), event(source, Instant.parse("1991-02-03T04:05:06Z")),
                event(source, Instant.parse("2031-01-01T00:00:00Z")));
        assertEquals(3, store.store(batch));
        assertEquals(0, store.store(batch), "a redelivered batch stores nothing");
        assertEquals(1, store.store(List.of(batch.get(1), event(source, Instant.now()))));
        runUntilItRan(Instant.now(), Optional.empty(), Optional.empty());
        assertEquals(0, store.store(batch), "also once moved out of the default partition");

        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM audit_event WHERE chain_source = ?")) {
            count.setString(1, source);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                assertEquals(4, row.getLong(1));
            }
        }
        AuditChainReport.Source report = only(source);
        assertEquals(4, report.lastSeq());
        assertEquals(List.of(), report.problems());
    }

    @Test
    @TestSecurity(user = "auditor", roles = "gatehouse-auditors")
    void retentionDropsWholeOldPartitionsOnceForwardedAndVerificationAnchorsAtTheSignedCut() throws Exception {
        String source = "dp-" + UUID.randomUUID();
        Instant now = Instant.now();
        store.store(List.of(event(source, Instant.parse("1995-01-10T10:00:00Z")), event(source, Instant.parse("1995-01-11T10:00:00Z")),
                event(source, Instant.parse("1995-01-12T10:00:00Z"))));                       // 1 to 3
        checkpointer.checkpoint();                                                             // vouches for 3
        store.store(List.of(event(source, now)));                                              // 4, kept
        store.store(List.of(event(source, Instant.parse("1995-02-20T10:00:00Z"))));           // 5, sent late
        store.store(List.of(event(source, now), event(source, now)));                          // 6 and 7, kept
        checkpointer.checkpoint();
        runUntilItRan(now, Optional.empty(), Optional.empty());
        assertTrue(exists(new AuditPartition(java.time.YearMonth.of(1995, 1))));

        Optional<Duration> keep = Optional.of(Duration.between(Instant.parse("1995-03-01T00:00:00Z"), now));
        AuditStoreMaintenance.Run kept = runUntilItRan(now, keep, Optional.of(SINK));
        assertEquals(List.of(), kept.dropped(), "nothing the SIEM sink has not taken is dropped");
        assertTrue(exists(new AuditPartition(java.time.YearMonth.of(1995, 1))));

        forwardEverythingBefore(Instant.parse("1995-03-01T00:00:00Z"));
        AuditStoreMaintenance.Run dropped = runUntilItRan(now, keep, Optional.of(SINK));
        assertTrue(dropped.dropped().contains(new AuditPartition(java.time.YearMonth.of(1995, 1))), dropped.toString());
        assertTrue(dropped.dropped().contains(new AuditPartition(java.time.YearMonth.of(1995, 2))), dropped.toString());
        assertFalse(exists(new AuditPartition(java.time.YearMonth.of(1995, 1))));
        assertTrue(exists(AuditPartition.containing(now)));

        AuditChainReport.Source report = only(source);
        assertEquals(List.of(), report.problems());
        assertEquals(3, report.events(), "events 4, 6 and 7 are retained");
        assertEquals(7, report.lastSeq());
        assertEquals(2, report.retentionCuts(), "events 1 to 3 and event 5");
        assertEquals(4, report.droppedByRetention());
        assertEquals(2, report.checkpoints());
        given().queryParam("source", source).get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true)).body("sources[0].retentionCuts", equalTo(2))
                .body("sources[0].droppedByRetention", equalTo(4));
    }

    @Test
    void aDeletionAmongTheRetainedEventsIsStillReportedAfterACut() throws Exception {
        String source = "dp-" + UUID.randomUUID();
        Instant now = Instant.now();
        store.store(List.of(event(source, Instant.parse("1996-01-10T10:00:00Z")), event(source, Instant.parse("1996-01-11T10:00:00Z")),
                event(source, now), event(source, now), event(source, now)));
        Optional<Duration> keep = Optional.of(Duration.between(Instant.parse("1996-02-01T00:00:00Z"), now));
        runUntilItRan(now, Optional.empty(), Optional.empty());
        assertTrue(runUntilItRan(now, keep, Optional.empty()).dropped()
                .contains(new AuditPartition(java.time.YearMonth.of(1996, 1))));
        assertEquals(List.of(), only(source).problems());

        tamper("DELETE FROM audit_event WHERE chain_source = '" + source + "' AND chain_seq = 3");
        assertEquals(List.of("events 3 to 3 are missing (deleted)"), only(source).problems(),
                "the first retained event is no part of the cut");

        tamper("INSERT INTO audit_retention_cut (partition_name, source, first_seq, last_seq, events, last_hash, created_at,"
                + " kid, signature) SELECT 'audit_event_1996_01', '" + source + "', 3, 3, 1, hash, now(), 'forged', '\\x00'"
                + " FROM audit_event WHERE chain_source = '" + source + "' AND chain_seq = 4");
        List<String> problems = only(source).problems();
        assertTrue(problems.contains("the retention cut of events 3 to 3 has no valid signature"), problems.toString());
        assertFalse(verifier.verify(Optional.of(source)).intact());
    }

    @Test
    void replicasTakeTurnsAtTheMaintenanceJob() throws Exception {
        String source = "dp-" + UUID.randomUUID();
        AuditRecord waiting = event(source, Instant.parse("1985-03-04T05:06:07Z"));
        store.store(List.of(waiting));
        AuditPartition march1985 = new AuditPartition(java.time.YearMonth.of(1985, 3));

        try (AdvisoryLock otherReplica = awaitLock()) {
            AuditStoreMaintenance.Run skipped = maintenance.run(Instant.now(), Optional.empty(), Optional.empty());
            assertFalse(skipped.ran(), "another replica is at it");
            assertEquals("audit_event_default", partitionOf(waiting));
        }

        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<AuditStoreMaintenance.Run> replica = () -> {
                start.await();
                return maintenance.run(Instant.now(), Optional.empty(), Optional.empty());
            };
            Future<AuditStoreMaintenance.Run> first = replicas.submit(replica);
            Future<AuditStoreMaintenance.Run> second = replicas.submit(replica);
            start.countDown();
            List<AuditStoreMaintenance.Run> runs = List.of(first.get(), second.get());
            long creations = runs.stream().filter(run -> run.created().contains(march1985)).count();
            assertTrue(creations <= 1, runs.toString());
        }
        finally {
            replicas.shutdownNow();
        }
        runUntilItRan(Instant.now(), Optional.empty(), Optional.empty());
        assertEquals(march1985.name(), partitionOf(waiting));
        assertEquals(List.of(), only(source).problems());
    }

    /** A round that ran: the job also runs at start and may hold the lock for a moment. */
    private AuditStoreMaintenance.Run runUntilItRan(Instant now, Optional<Duration> keep, Optional<String> sink) {
        AtomicReference<AuditStoreMaintenance.Run> ran = new AtomicReference<>();
        Eventually.await("the maintenance job runs", () -> {
            try {
                AuditStoreMaintenance.Run run = maintenance.run(now, keep, sink);
                ran.set(run.ran() ? run : null);
                return run.ran();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return ran.get();
    }

    private AdvisoryLock awaitLock() {
        AtomicReference<AdvisoryLock> held = new AtomicReference<>();
        Eventually.await("the maintenance lock is free", () -> {
            try {
                AdvisoryLock.tryAcquire(dataSource, AuditStoreMaintenance.MAINTENANCE_LOCK).ifPresent(held::set);
                return held.get() != null;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertNotNull(held.get());
        return held.get();
    }

    /** What the SIEM sink would have done: take every chain up to its head, for the chains with events before then. */
    private void forwardEverythingBefore(Instant time) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT h.source, h.last_seq FROM audit_chain_head h"
                     + " WHERE EXISTS (SELECT 1 FROM audit_event e WHERE e.chain_source = h.source AND e.event_time < ?)")) {
            query.setObject(1, time.atOffset(ZoneOffset.UTC));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    positions.advance(SINK, rows.getString(1), rows.getLong(2));
                }
            }
        }
    }

    private boolean exists(AuditPartition partition) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?)")) {
            query.setString(1, partition.name());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1) != null;
            }
        }
    }

    private String partitionOf(AuditRecord record) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT tableoid::regclass::text FROM audit_event WHERE event_id = ?")) {
            query.setObject(1, record.eventId());
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "event " + record.eventId() + " is stored");
                String partition = row.getString(1);
                assertFalse(row.next(), "event " + record.eventId() + " is stored once");
                return partition;
            }
        }
    }

    private AuditChainReport.Source only(String source) throws Exception {
        AuditChainReport report = verifier.verify(Optional.of(source));
        assertEquals(1, report.sources().size());
        return report.sources().get(0);
    }

    /** Changes stored rows as an attacker with database access would: around the append-only triggers. */
    private void tamper(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            try {
                statement.execute(sql);
            } finally {
                statement.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
            }
        }
    }

    private static AuditRecord event(String source, Instant time) {
        return new AuditRecord(UUID.randomUUID(), "req-" + UUID.randomUUID(), time, source, "deploy-bot", "demo", "GET",
                "/demo/customers/1", AuditDecision.ALLOWED, "granted", null, 200, 3, List.of(), AuditRecord.CALL, null,
                Map.of(), null);
    }
}
