package io.gatehouse.controlplane.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.domain.PolicySnapshot;
import io.gatehouse.controlplane.grpc.SnapshotProtoMapper;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.gatehouse.proto.config.v1.OidcTrustBinding;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trust bindings of every form through PostgreSQL and into the snapshot, and the V7 migration of stored bindings. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class TrustBindingStoreTest {

    private static final String CONFIG = """
            identities:
              - name: api-deploy
                kind: ci-job
                owner: {team: platform, contact: platform@acme.example}
                purpose: Deploys acme/api
                expires: 2027-06-30T00:00:00Z
                trust:
                  githubActions:
                    - {repository: acme/api, ref: refs/heads/main, environment: prod}
                    - {repository: acme/api, ref: {glob: "refs/heads/release/*"}, audience: gatehouse}
                  gitlabCi: {project: acme/api, ref: main, refType: branch, audience: gatehouse}
              - name: k8s-deployer
                kind: service
                owner: {team: platform, contact: platform@acme.example}
                purpose: Deploys from the CI cluster
                expires: 2027-06-30T00:00:00Z
                trust:
                  kubernetes: {issuer: "https://k8s.acme.example", namespace: ci, serviceAccount: deployer, audience: gatehouse}
                  spiffe: {issuer: "https://oidc.acme.org", spiffeId: "spiffe://acme.org/ns/ci/sa/deployer", audience: gatehouse}
                  oidc:
                    issuer: https://ci.acme.example
                    audiences: [gatehouse]
                    claims:
                      sub: {regex: "job-[0-9]+"}
                      team: {oneOf: [payments, billing]}
                      https:~1~1acme.example~1tier: gold
                    force: true
            """;

    @Inject
    DeclarativeConfigLoader loader;

    @Inject
    PolicyUpdateService policyUpdates;

    @Inject
    PolicyModelReader reader;

    @Inject
    SnapshotProtoMapper protoMapper;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void bindingsOfEveryFormAreStoredReadBackEqualAndApplyingTwiceChangesNothing() {
        PolicyModel declared = loader.parse(CONFIG, "trust.yaml");

        PolicySnapshot first = policyUpdates.apply(declared, "trust.yaml");
        PolicyModel stored = reader.read();
        PolicySnapshot second = policyUpdates.apply(loader.parse(CONFIG, "trust.yaml"), "trust.yaml");

        assertEquals(declared, stored);
        assertEquals(6, stored.identities().stream().mapToInt(identity -> identity.oidcTrusts().size()).sum());
        assertEquals(first.version(), second.version());
        assertEquals(stored, reader.read());
    }

    @Test
    void matchersReachTheSnapshotWithNestedClaimPathsSplit() {
        PolicySnapshot snapshot = policyUpdates.apply(loader.parse(CONFIG, "trust.yaml"), "trust.yaml");

        var deployer = protoMapper.toProto(snapshot, "n").getIdentitiesList().stream()
                .filter(identity -> identity.getName().equals("k8s-deployer")).findFirst().orElseThrow();
        OidcTrustBinding kubernetes = binding(deployer.getOidcBindingsList(), "https://k8s.acme.example");
        OidcTrustBinding generic = binding(deployer.getOidcBindingsList(), "https://ci.acme.example");

        assertEquals(List.of(List.of("kubernetes.io", "namespace"), List.of("kubernetes.io", "serviceaccount", "name"), List.of("sub")),
                kubernetes.getClaimsList().stream().map(claim -> claim.getPathList()).toList());
        assertEquals("system:serviceaccount:ci:deployer", kubernetes.getClaims(2).getExact());
        var byName = generic.getClaimsList().stream().collect(Collectors.toMap(
                claim -> String.join("|", claim.getPathList()), claim -> claim));
        assertEquals("gold", byName.get("https://acme.example/tier").getExact());
        assertEquals("job-[0-9]+", byName.get("sub").getRegex());
        assertEquals(List.of("billing", "payments"), byName.get("team").getOneOf().getValuesList());
        assertEquals(0, generic.getRequiredClaimsCount());
    }

    @Test
    void migrationV7TurnsStoredExactClaimsIntoExactMatchersOfTheSameTopLevelClaims() throws Exception {
        Flyway scratch = Flyway.configure().dataSource(dataSource).schemas("v7_migration_check").cleanDisabled(false)
                .locations("classpath:db/migration").target("6").load();
        scratch.clean();
        scratch.migrate();
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO v7_migration_check.identity (id, name, kind, owner_team, owner_contact, purpose, expires_at, status)"
                    + " VALUES (1, 'legacy', 'CI_JOB', 'platform', 'p@acme.example', 'old binding', now() + interval '1 day', 'ACTIVE')");
            sql.execute("INSERT INTO v7_migration_check.oidc_trust_binding (identity_id, issuer, audiences, required_claims) VALUES (1,"
                    + " 'https://ci.acme.example', '[\"gatehouse\"]',"
                    + " '{\"repository\": \"acme/api\", \"kubernetes.io/namespace\": \"ci\", \"a~b\": \"x\"}')");
        }

        Flyway.configure().dataSource(dataSource).schemas("v7_migration_check").locations("classpath:db/migration").load().migrate();

        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            ResultSet row = sql.executeQuery("SELECT claim_matchers::text, forced FROM v7_migration_check.oidc_trust_binding");
            assertTrue(row.next());
            ObjectMapper json = new ObjectMapper();
            assertEquals(json.readTree("""
                    [{"claim": "a~0b", "exact": "x"},
                     {"claim": "kubernetes.io~1namespace", "exact": "ci"},
                     {"claim": "repository", "exact": "acme/api"}]
                    """), json.readTree(row.getString(1)));
            assertFalse(row.getBoolean(2));
        } finally {
            Flyway.configure().dataSource(dataSource).schemas("v7_migration_check").cleanDisabled(false).load().clean();
        }
    }

    private static OidcTrustBinding binding(List<OidcTrustBinding> bindings, String issuer) {
        return bindings.stream().filter(binding -> binding.getIssuer().equals(issuer)).findFirst().orElseThrow();
    }
}
