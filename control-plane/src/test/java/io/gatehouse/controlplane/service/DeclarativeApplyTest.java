package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.CredentialSource;
import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.config.TestConfigs;
import io.gatehouse.controlplane.domain.IdentityOverview;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.domain.PolicySnapshot;
import io.gatehouse.controlplane.grpc.SnapshotProtoMapper;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class DeclarativeApplyTest {

    private static final String SECOND_CONFIG = """
            identities:
              - name: nightly-report
                kind: cron
                owner: {team: finance, contact: finance@acme.example}
                purpose: Builds the nightly report
                expires: 2027-09-01T00:00:00Z
                trust:
                  oidc:
                    issuer: https://kubernetes.default.svc
                    audiences: [gatehouse]
                    claims: {"kubernetes.io/serviceaccount/namespace": finance}
            resources:
              - name: ledger
                pathPrefix: /demo
                upstream: https://ledger.internal:8443/api/
                credential:
                  injection: header
                  header: X-Api-Key
                  ttl: 90s
                  dataPlanes: [edge]
                  source: {vault: {database: {mount: db, role: ledger-ro}}}
            grants:
              - identity: nightly-report
                resource: ledger
                methods: [get, head]
                paths: ["/entries/*"]
            """;

    @Inject
    io.gatehouse.controlplane.grpc.SnapshotProtoMapper protoMapper;

    @Test
    void maskingRulesAreStoredReadBackAndSentToDataPlanes() {
        String withRules = TestConfigs.EXAMPLE.replace("masking: {fields: [ssn]}",
                "masking: {fields: [ssn], rules: [{name: cards, path: \"$..card.number\", action: partial, keepLast: 4},"
                        + " {detector: us-ssn, action: hash}, {regex: \"ORD-[0-9]+\", action: redact, replacement: \"[order]\"}]}");
        PolicyModel declared = loader.parse(withRules, "rules.yaml");
        PolicySnapshot snapshot = policyUpdates.apply(declared, "rules.yaml");
        assertEquals(declared.resources().get(0).maskingRules(), reader.read().resources().get(0).maskingRules());
        var proto = protoMapper.toProto(snapshot, "n").getResources(0);
        assertEquals(3, proto.getMaskingRulesCount());
        assertEquals("cards", proto.getMaskingRules(0).getName());
        assertEquals("$..card.number", proto.getMaskingRules(0).getPath());
        assertEquals(4, proto.getMaskingRules(0).getAction().getPartial().getKeepLast());
        assertEquals(io.gatehouse.proto.config.v1.Detector.DETECTOR_US_SSN, proto.getMaskingRules(1).getDetector());
        assertTrue(proto.getMaskingRules(1).getAction().hasHash());
        assertEquals("[order]", proto.getMaskingRules(2).getAction().getRedact().getReplacement());
        assertEquals(List.of("ssn"), proto.getMaskedFieldsList());
    }

    @Inject
    DeclarativeConfigLoader loader;

    @Inject
    PolicyUpdateService policyUpdates;

    @Inject
    PolicyModelReader reader;

    @Inject
    SnapshotPublisher publisher;

    @Test
    void applyMakesTheStoredModelExactlyTheFileContent() {
        policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE, "first.yaml"), "first.yaml");
        PolicyModel second = loader.parse(SECOND_CONFIG, "second.yaml");

        policyUpdates.apply(second, "second.yaml");

        PolicyModel stored = reader.read();
        assertEquals(second, stored);
        assertEquals(List.of("nightly-report"), stored.identities().stream().map(identity -> identity.name()).toList());
        assertEquals("ledger", stored.resources().get(0).name());
        assertEquals("https://ledger.internal:8443/api", stored.resources().get(0).upstreamUrl());
        assertEquals(List.of("GET", "HEAD"), stored.grants().get(0).methods());
        assertEquals(new CredentialSource(CredentialSource.Kind.VAULT_DATABASE, "db", "ledger-ro",
                CredentialSource.DATABASE_KEYS, null, Duration.ofSeconds(90)), stored.resources().get(0).credentialSource());
        assertEquals(List.of("edge"), stored.resources().get(0).dataPlanePools());
    }

    @Test
    void everyInjectionStyleSurvivesTheStore() {
        for (String credential : List.of("{injection: basic}", "{injection: header, header: X-Api-Key}",
                "{injection: query, parameter: api_key}",
                "{injection: oauth2-client-credentials, oauth2: {tokenUrl: \"https://auth.acme.example/token\", scopes: [read, write],"
                        + " audience: api, clientAuth: client_secret_post}}")) {
            PolicyModel model = loader.parse(TestConfigs.EXAMPLE.replace("credential: {injection: bearer}", "credential: " + credential),
                    "injection.yaml");

            policyUpdates.apply(model, "injection.yaml");

            assertEquals(model, reader.read(), credential);
        }
    }

    @Test
    void grantApprovalSettingsSurviveTheStoreAndReachTheSnapshot() {
        PolicyModel model = loader.parse(TestConfigs.EXAMPLE.replace(
                "approval: {required: true, approverGroup: payments-approvers, quorum: 1}",
                "approval: {required: true, approverGroup: payments-approvers, quorum: 2, holdTime: 20s, validity: 30m,"
                        + " ownerTeamMayApprove: true, breakGlass: true}"), "settings.yaml");

        policyUpdates.apply(model, "settings.yaml");

        assertEquals(model, reader.read());
        var grant = new SnapshotProtoMapper().toProto(publisher.refresh(), "n1").getGrantsList().stream()
                .filter(g -> g.getApproval().getRequired()).findFirst().orElseThrow();
        assertEquals(20, grant.getApproval().getHoldTime().getSeconds());
        assertEquals(1800, grant.getApproval().getValidity().getSeconds());
        assertTrue(grant.getApproval().getOwnerTeamMayApprove());
        assertTrue(grant.getApproval().getBreakGlass());
        assertEquals(2, grant.getApproval().getQuorum());
    }

    @Test
    void survivingIdentitiesKeepTheirCreationTime() {
        policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE, "first.yaml"), "first.yaml");
        Instant createdAt = overview("deploy-bot").createdAt();
        assertNotNull(createdAt);

        policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE.replace("Deploys acme/deploy from main", "Deploys acme/deploy"),
                "changed.yaml"), "changed.yaml");

        IdentityOverview changed = overview("deploy-bot");
        assertEquals(createdAt, changed.createdAt());
        assertEquals("Deploys acme/deploy", changed.definition().purpose());
    }

    @Test
    void snapshotVersionIsStableForEqualContentAndChangesWithIt() {
        PolicySnapshot first = policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE, "a.yaml"), "a.yaml");
        PolicySnapshot again = policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE, "b.yaml"), "b.yaml");
        assertEquals(first.version(), again.version());
        assertEquals(64, first.version().length());

        PolicySnapshot changed = policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE.replace("fields: [ssn]", "fields: [ssn, iban]"),
                "c.yaml"), "c.yaml");
        assertNotEquals(first.version(), changed.version());
        assertTrue(changed.generation() > first.generation());

        PolicySnapshot back = policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE, "d.yaml"), "d.yaml");
        assertEquals(first.version(), back.version());
        assertEquals(back, publisher.current());
    }

    @Test
    void expiredIdentitiesAreSentAsExpired() {
        policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE.replace("expires: 2027-06-30T00:00:00Z\n    trust",
                "expires: 2020-01-01T00:00:00Z\n    trust"), "expired.yaml"), "expired.yaml");

        PolicySnapshot snapshot = publisher.current();

        assertEquals(IdentityStatus.EXPIRED, snapshot.content().identities().get(0).status());
        assertEquals(IdentityStatus.ACTIVE, reader.read().identities().get(0).status());
    }

    private IdentityOverview overview(String name) {
        return reader.identityOverviews(Instant.now()).stream()
                .filter(identity -> identity.definition().name().equals(name))
                .findFirst().orElseThrow();
    }
}
