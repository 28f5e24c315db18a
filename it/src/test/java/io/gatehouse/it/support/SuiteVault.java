package io.gatehouse.it.support;

import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.SuiteOptions;
import io.gatehouse.launcher.testing.oauth2.FakeOAuth2Server;
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
 * server can run here) with KV secrets, and the resources that take their credential from it: {@value #INVENTORY}
 * for the default pool (whose upstream also gets a signed identity assertion), {@value #EDGE_REPORTS} for an "edge" pool the suite's data plane is not in, {@value #KEYED}
 * injected as a query parameter, and {@value #PARTNER} whose client id and secret buy access tokens at an OAuth2
 * token endpoint ({@link FakeOAuth2Server}). All point at a {@link RecordingUpstream}. Every value ever written and
 * every access token issued is remembered, so the last test can check that none leaked.
 */
public final class SuiteVault {

    public static final String INVENTORY = "inventory";
    public static final String EDGE_REPORTS = "edge-reports";
    public static final String KEYED = "keyed";
    public static final String PARTNER = "partner";
    public static final String PARTNER_CLIENT_ID = "gatehouse-it";
    /** The audience of the identity assertions the {@value #INVENTORY} upstream gets. */
    public static final String INVENTORY_AUDIENCE = "inventory-api";
    private static final String MOUNT = "secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static FakeVault vault;
    private static RecordingUpstream upstream;
    private static FakeOAuth2Server oauth2;
    private static final List<String> secrets = new CopyOnWriteArrayList<>();
    private static volatile String inventorySecret;
    private static String keyedSecret;
    private static String partnerClientSecret;

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
        keyedSecret = remember("query-canary-");
        vault.putKv(MOUNT, "apps/" + KEYED, Map.of("token", keyedSecret));
        partnerClientSecret = remember("oauth2-client-canary-");
        vault.putKv(MOUNT, "apps/" + PARTNER, Map.of("client_id", PARTNER_CLIENT_ID, "client_secret", partnerClientSecret));
        try {
            oauth2 = FakeOAuth2Server.start().client(PARTNER_CLIENT_ID, partnerClientSecret, "orders:read");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot start the OAuth2 token endpoint", e);
        }
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
                            identityAssertion: {audience: %3$s}
                          - name: edge-reports
                            pathPrefix: /edge-reports
                            upstream: %1$s
                            credential:
                              injection: bearer
                              dataPlanes: [edge]
                              source: {vault: {kv: {path: apps/edge-reports, key: token}}}
                          - name: keyed
                            pathPrefix: /keyed
                            upstream: %1$s
                            credential:
                              injection: query
                              parameter: api_key
                              source: {vault: {kv: {path: apps/keyed, key: token}}}
                          - name: partner
                            pathPrefix: /partner
                            upstream: %1$s
                            credential:
                              injection: oauth2-client-credentials
                              oauth2: {tokenUrl: "%2$s", scopes: ["orders:read"]}
                              source: {vault: {kv: {path: apps/partner, keys: [client_id, client_secret]}}}
                        """.formatted(upstream.baseUrl(), oauth2.tokenUrl(), INVENTORY_AUDIENCE), """
                          - identity: deploy-bot
                            resource: inventory
                            methods: [GET]
                            paths: ["/**"]
                          - identity: deploy-bot
                            resource: edge-reports
                            methods: [GET]
                            paths: ["/**"]
                          - identity: deploy-bot
                            resource: keyed
                            methods: [GET]
                            paths: ["/**"]
                          - identity: deploy-bot
                            resource: partner
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

    public static FakeOAuth2Server oauth2() {
        return oauth2;
    }

    /** Every secret Vault ever held for the suite, the broker's Vault token, and every access token issued. */
    public static List<String> secrets() {
        List<String> all = new java.util.ArrayList<>(secrets);
        all.addAll(oauth2.issued());
        return all;
    }

    /** The credential of {@value #KEYED}, sent as its query parameter. */
    public static String keyedSecret() {
        return keyedSecret;
    }

    /** The client secret of {@value #PARTNER} at the token endpoint. */
    public static String partnerClientSecret() {
        return partnerClientSecret;
    }

    private static String remember(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String value = prefix + HexFormat.of().formatHex(bytes);
        secrets.add(value);
        return value;
    }
}
