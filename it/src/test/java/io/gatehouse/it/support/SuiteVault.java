package io.gatehouse.it.support;

import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.SuiteOptions;
import io.gatehouse.launcher.testing.vault.FakeVault;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The suite's Vault: {@link FakeVault} (HashiCorp Vault's HTTP API as the broker uses it, in test code — no Vault
 * server can run here) with two KV secrets, and the resources that take their credential from it: {@value #INVENTORY}
 * for the default pool, and {@value #EDGE_REPORTS} for an "edge" pool the suite's data plane is not in. Both point
 * at a {@link RecordingUpstream}. Every value ever written is remembered, so the last test can check that none
 * leaked.
 */
public final class SuiteVault {

    public static final String INVENTORY = "inventory";
    public static final String EDGE_REPORTS = "edge-reports";
    private static final String MOUNT = "secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static FakeVault vault;
    private static RecordingUpstream upstream;
    private static final List<String> secrets = new CopyOnWriteArrayList<>();
    private static volatile String inventorySecret;

    private SuiteVault() {
    }

    /** Starts Vault and the upstream, and points the suite's broker and config at them. */
    static SuiteOptions configure(SuiteOptions options) {
        vault = new FakeVault(Clock.systemUTC()).start();
        upstream = RecordingUpstream.start();
        String brokerToken = vault.createToken(Duration.ZERO, Duration.ZERO, false);
        secrets.add(brokerToken);
        rotateInventory();
        vault.putKv(MOUNT, "apps/" + EDGE_REPORTS, Map.of("token", remember("edge-canary-")));
        return options
                .env(Service.VAULT_BROKER, "GATEHOUSE_BROKER_VAULT_URL", vault.url().toString())
                .env(Service.VAULT_BROKER, "GATEHOUSE_BROKER_VAULT_AUTH_METHOD", "token")
                .env(Service.VAULT_BROKER, "GATEHOUSE_BROKER_VAULT_AUTH_TOKEN", brokerToken)
                .env(Service.VAULT_BROKER, "GATEHOUSE_BROKER_VAULT_MAINTENANCE_INTERVAL", "1S")
                .extraConfig("""
                          - name: inventory
                            pathPrefix: /inventory
                            upstream: %1$s
                            credential:
                              injection: bearer
                              ttl: 10m
                              source: {vault: {kv: {path: apps/inventory, key: token}}}
                          - name: edge-reports
                            pathPrefix: /edge-reports
                            upstream: %1$s
                            credential:
                              injection: bearer
                              dataPlanes: [edge]
                              source: {vault: {kv: {path: apps/edge-reports, key: token}}}
                        """.formatted(upstream.baseUrl()), """
                          - identity: deploy-bot
                            resource: inventory
                            methods: [GET]
                            paths: ["/**"]
                          - identity: deploy-bot
                            resource: edge-reports
                            methods: [GET]
                            paths: ["/**"]
                        """);
    }

    /** Writes a new version of the inventory credential in Vault, as a rotation job would. */
    public static String rotateInventory() {
        inventorySecret = remember("inventory-canary-");
        vault.putKv(MOUNT, "apps/" + INVENTORY, Map.of("token", inventorySecret));
        return inventorySecret;
    }

    public static String inventorySecret() {
        return inventorySecret;
    }

    public static RecordingUpstream upstream() {
        return upstream;
    }

    public static FakeVault vault() {
        return vault;
    }

    /** Every secret Vault ever held for the suite, and the broker's Vault token. */
    public static List<String> secrets() {
        return List.copyOf(secrets);
    }

    private static String remember(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String value = prefix + HexFormat.of().formatHex(bytes);
        secrets.add(value);
        return value;
    }
}
