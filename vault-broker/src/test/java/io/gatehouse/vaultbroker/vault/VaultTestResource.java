package io.gatehouse.vaultbroker.vault;

import io.gatehouse.launcher.testing.vault.FakeVault;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Starts the fake Vault on a free port for a {@code @QuarkusTest} and points the broker at it: AppRole
 * login, a sources file with a KV secret, a short-lived KV secret and database credentials.
 */
public class VaultTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String CANARY = "canary-5b1d-vault-secret-never-shown";
    public static final String SECRET_ID = "approle-secret-id-canary-9e2f";

    private static FakeVault vault;

    public static FakeVault vault() {
        return vault;
    }

    @Override
    public Map<String, String> start() {
        vault = new FakeVault(Clock.systemUTC()).start();
        vault.addAppRole("gatehouse-broker", SECRET_ID);
        vault.putKv("secret", "apps/kv-demo", Map.of("token", "old-" + CANARY));
        vault.putKv("secret", "apps/kv-demo", Map.of("token", CANARY));
        vault.putKv("secret", "apps/short", Map.of("token", "short-" + CANARY));
        vault.addRole("database", "readonly", Duration.ofHours(1), Duration.ofHours(24), "username", "password");
        Path sources;
        try {
            sources = Files.createTempFile("gatehouse-sources", ".yaml");
            Files.writeString(sources, """
                    sources:
                      kv-demo:
                        ttl: 1m
                        vault:
                          kv: {mount: secret, path: apps/kv-demo, key: token}
                      short:
                        ttl: 2s
                        vault:
                          kv: {path: apps/short, key: token}
                      orders-db:
                        vault:
                          database: {mount: database, role: readonly}
                    """);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        sources.toFile().deleteOnExit();
        return Map.of(
                "gatehouse.broker.sources.file", sources.toString(),
                "gatehouse.broker.vault.url", vault.url().toString(),
                "gatehouse.broker.vault.auth.method", "approle",
                "gatehouse.broker.vault.auth.approle.role-id", "gatehouse-broker",
                "gatehouse.broker.vault.auth.approle.secret-id", SECRET_ID,
                "gatehouse.broker.vault.maintenance-interval", "500ms",
                "gatehouse.broker.vault.request-timeout", "2s");
    }

    @Override
    public void stop() {
        if (vault != null) {
            vault.close();
        }
    }
}
