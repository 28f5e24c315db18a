package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.CredentialSource;
import io.gatehouse.controlplane.domain.CredentialSource.Kind;
import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.domain.ResourceDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code credential} mapping of a resource: where the broker finds the secret, and who may receive it. */
class CredentialSourceConfigTest {

    private final DeclarativeConfigLoader loader = new DeclarativeConfigLoader();

    @Test
    void withoutASourceTheStaticStoreServesTheDefaultPool() {
        ResourceDefinition resource = resourceWith("{injection: bearer}");
        assertEquals(CredentialSource.defaultSource(), resource.credentialSource());
        assertEquals(List.of(ResourceDefinition.DEFAULT_DATA_PLANE_POOL), resource.dataPlanePools());
    }

    @Test
    void readsEveryKindOfVaultSource() {
        ResourceDefinition kv = resourceWith("""
                {injection: bearer, ttl: 2m, dataPlanes: [edge, default],
                 source: {vault: {kv: {mount: kv-prod, path: apps/demo, key: token, version: 3}}}}""");
        assertEquals(new CredentialSource(Kind.VAULT_KV, "kv-prod", "apps/demo", List.of("token"), 3,
                Duration.ofMinutes(2)), kv.credentialSource());
        assertEquals(List.of("default", "edge"), kv.dataPlanePools());

        CredentialSource latest = resourceWith("{injection: bearer, source: {vault: {kv: {path: apps/demo, keys: [user, password]}}}}")
                .credentialSource();
        assertEquals("secret", latest.mount());
        assertNull(latest.version());
        assertEquals(List.of("user", "password"), latest.keys());

        CredentialSource database = resourceWith("{injection: bearer, source: {vault: {database: {role: readonly}}}}")
                .credentialSource();
        assertEquals(new CredentialSource(Kind.VAULT_DATABASE, "database", "readonly", CredentialSource.DATABASE_KEYS,
                null, null), database);

        CredentialSource lease = resourceWith("{injection: bearer, source: {vault: {lease: {path: aws/creds/deploy, keys: [access_key, secret_key]}}}}")
                .credentialSource();
        assertEquals(new CredentialSource(Kind.VAULT_LEASE, null, "aws/creds/deploy", List.of("access_key", "secret_key"),
                null, null), lease);

        assertEquals(Kind.STATIC_STORE, resourceWith("{injection: bearer, source: {static: {}}}").credentialSource().kind());
    }

    @Test
    void malformedSourcesAreReportedWithTheirPath() {
        List<String> problems = problemsWith("""
                {injection: bearer, ttl: soon, dataPlanes: ["no spaces"],
                 source: {vault: {kv: {path: /apps/../demo, key: token, keys: [a], version: 0}}}}""");
        assertContains(problems, "resources[0].credential.ttl: must be a positive duration");
        assertContains(problems, "resources[0].credential.dataPlanes: invalid pool name(s) [no spaces]");
        assertContains(problems, "resources[0].credential.source.vault.kv.path: invalid value '/apps/../demo'");
        assertContains(problems, "resources[0].credential.source.vault.kv.keys: use either 'key'");
        assertContains(problems, "resources[0].credential.source.vault.kv.version: must be 1 or more");

        assertContains(problemsWith("{injection: bearer, source: {vault: {kv: {path: apps/demo}}}}"),
                "resources[0].credential.source.vault.kv.key: required");
        assertContains(problemsWith("{injection: bearer, source: {static: {}, vault: {lease: {path: a, key: b}}}}"),
                "resources[0].credential.source: needs exactly one of static, vault");
        assertContains(problemsWith("{injection: bearer, source: {vault: {}}}"),
                "resources[0].credential.source.vault: needs exactly one of database, kv, lease");
        assertContains(problemsWith("{injection: bearer, source: {vault: {database: {role: ro, path: x}}}}"),
                "resources[0].credential.source.vault.database.path: unknown key");
        assertContains(problemsWith("{injection: bearer, dataPlanes: []}"),
                "resources[0].credential.dataPlanes: must not be empty");
    }

    private ResourceDefinition resourceWith(String credential) {
        PolicyModel model = loader.parse(document(credential), "test.yaml");
        return model.resources().get(0);
    }

    private List<String> problemsWith(String credential) {
        return assertThrows(InvalidDeclarativeConfigException.class, () -> loader.parse(document(credential), "test.yaml"))
                .problems();
    }

    private static String document(String credential) {
        return TestConfigs.EXAMPLE.replace("credential: {injection: bearer}", "credential: " + credential.replace("\n", " "));
    }

    private static void assertContains(List<String> problems, String expectedStart) {
        assertTrue(problems.stream().anyMatch(problem -> problem.startsWith(expectedStart)),
                "expected a problem starting with '" + expectedStart + "' in " + problems);
    }
}
