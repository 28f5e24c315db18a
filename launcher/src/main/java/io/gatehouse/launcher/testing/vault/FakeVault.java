package io.gatehouse.launcher.testing.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The part of HashiCorp Vault's HTTP API the broker uses, served over real HTTP, written from Vault's API
 * documentation (developer.hashicorp.com/vault/api-docs):
 * <ul>
 * <li>{@code GET /v1/sys/health} — 200 when unsealed, 503 when sealed</li>
 * <li>{@code GET /v1/auth/token/lookup-self}, {@code POST /v1/auth/token/renew-self} ({@code increment}, capped at
 * the token's max TTL)</li>
 * <li>{@code POST /v1/auth/<approle mount>/login} ({@code role_id}, {@code secret_id}; 400 "invalid role or secret
 * ID"), {@code POST /v1/auth/<kubernetes mount>/login} ({@code role}, {@code jwt}; 403 "permission denied")</li>
 * <li>KV v2: {@code GET /v1/<mount>/data/<path>[?version=n]} → {@code {"data":{"data":{…},"metadata":{created_time,
 * deletion_time, destroyed, version}}}}; 404 for a missing secret or a deleted version;
 * {@code GET /v1/<mount>/metadata/<path>} → {@code current_version, oldest_version, versions}</li>
 * <li>dynamic secrets: {@code GET /v1/<mount>/creds/<role>} → {@code lease_id, lease_duration, renewable, data}</li>
 * <li>{@code PUT /v1/sys/leases/renew} ({@code lease_id}, {@code increment}; capped at the role's max TTL; 400 for an
 * unknown, expired or revoked lease), {@code PUT /v1/sys/leases/revoke} (204, also for an unknown lease)</li>
 * <li>errors as {@code {"errors":[…]}}: 400 invalid request, 403 missing/invalid token or denied path, 404 unknown
 * path, 405 wrong method, 503 sealed. The token travels in {@code X-Vault-Token}.</li>
 * </ul>
 * Time comes from a {@link Clock} so tests can move it. {@link #stop()} and {@link #start()} simulate an outage
 * (connections refused) on the same port.
 */
public final class FakeVault implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final Map<String, FakeToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, String>>> kv = new ConcurrentHashMap<>();
    private final Map<String, Set<Integer>> deletedVersions = new ConcurrentHashMap<>();
    private final Map<String, DynamicRole> roles = new ConcurrentHashMap<>();
    private final Map<String, FakeLease> leases = new ConcurrentHashMap<>();
    private final Map<String, String> appRoles = new ConcurrentHashMap<>();
    private final Map<String, String> kubernetesRoles = new ConcurrentHashMap<>();
    private final Set<String> deniedPaths = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<String> requestLog = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile Duration credsDelay = Duration.ZERO;
    private volatile boolean sealed;
    private volatile int port;
    private HttpServer server;

    public FakeVault(Clock clock) {
        this.clock = clock;
    }

    // ---------------------------------------------------------------- lifecycle

    public synchronized FakeVault start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake Vault", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    /** Simulates Vault being down: connections are refused until {@link #start()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public void seal(boolean sealed) {
        this.sealed = sealed;
    }

    // ---------------------------------------------------------------- test setup

    /** A token valid for {@code ttl} (zero: never expires), renewable up to {@code maxTtl}. */
    public String createToken(Duration ttl, Duration maxTtl, boolean renewable) {
        String token = "hvs." + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, new FakeToken(ttl, renewable, clock.instant(), maxTtl));
        return token;
    }

    public void revokeToken(String token) {
        tokens.remove(token);
    }

    /** Revokes every token issued so far (as if the broker's token had been revoked by an operator). */
    public void invalidateAllTokens() {
        tokens.clear();
    }

    public void addAppRole(String roleId, String secretId) {
        appRoles.put(roleId, secretId);
    }

    public void addKubernetesRole(String role, String jwt) {
        kubernetesRoles.put(role, jwt);
    }

    /** Writes a new version of a KV v2 secret; returns its version number. */
    public int putKv(String mount, String path, Map<String, String> data) {
        List<Map<String, String>> versions = kv.computeIfAbsent(mount + "/" + path, key -> new CopyOnWriteArrayList<>());
        versions.add(Map.copyOf(data));
        return versions.size();
    }

    public void deleteKvVersion(String mount, String path, int version) {
        deletedVersions.computeIfAbsent(mount + "/" + path, key -> ConcurrentHashMap.newKeySet()).add(version);
    }

    /** A role of a dynamic secrets engine at {@code <mount>/creds/<role>} whose secrets carry {@code keys}. */
    public void addRole(String mount, String role, Duration ttl, Duration maxTtl, String... keys) {
        roles.put(mount + "/creds/" + role, new DynamicRole(ttl, maxTtl, List.of(keys)));
    }

    public void deny(String path) {
        deniedPaths.add(path);
    }

    public void credsDelay(Duration delay) {
        this.credsDelay = delay;
    }

    /** How many requests reached {@code METHOD path} (path without /v1/ and query). */
    public int calls(String method, String path) {
        return calls.getOrDefault(method + " " + path, new AtomicInteger()).get();
    }

    public List<String> requestLog() {
        return List.copyOf(requestLog);
    }

    public FakeLease lease(String leaseId) {
        return leases.get(leaseId);
    }

    public List<FakeLease> leases() {
        return new ArrayList<>(leases.values());
    }

    /** Every secret value this Vault has handed out (for canary checks). */
    public List<String> issuedValues() {
        List<String> values = new ArrayList<>();
        leases.values().forEach(lease -> values.addAll(lease.data.values()));
        kv.values().forEach(versions -> versions.forEach(version -> values.addAll(version.values())));
        return values;
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String fullPath = exchange.getRequestURI().getPath();
            if (!fullPath.startsWith("/v1/")) {
                reply(exchange, 404, errors());
                return;
            }
            String path = fullPath.substring(4);
            calls.computeIfAbsent(method + " " + path, key -> new AtomicInteger()).incrementAndGet();
            requestLog.add(method + " " + path);
            JsonNode body = readBody(exchange);
            Answer answer = route(method, path, exchange.getRequestURI().getQuery(),
                    exchange.getRequestHeaders().getFirst("X-Vault-Token"), body);
            reply(exchange, answer.status, answer.body);
        } catch (RuntimeException e) {
            reply(exchange, 500, errors("internal error: " + e.getClass().getSimpleName()));
        }
    }

    private Answer route(String method, String path, String query, String token, JsonNode body) {
        if (path.equals("sys/health")) {
            return new Answer(sealed ? 503 : 200, Map.of("initialized", true, "sealed", sealed, "standby", false,
                    "server_time_utc", clock.instant().getEpochSecond(), "version", "1.15.0-fake"));
        }
        if (sealed) {
            return new Answer(503, errors("Vault is sealed"));
        }
        if (path.startsWith("auth/") && path.endsWith("/login")) {
            return requirePost(method, () -> login(path.substring(5, path.length() - 6), body));
        }
        FakeToken caller = token == null ? null : tokens.get(token);
        if (caller == null || caller.expired(clock.instant()) || deniedPaths.contains(path)) {
            return new Answer(403, errors("permission denied"));
        }
        return switch (path) {
            case "auth/token/lookup-self" -> requireMethod(method, "GET", () -> lookupSelf(token, caller));
            case "auth/token/renew-self" -> requirePost(method, () -> renewSelf(token, caller, body));
            case "sys/leases/renew" -> requirePut(method, () -> renewLease(body));
            case "sys/leases/revoke" -> requirePut(method, () -> revokeLease(body));
            default -> readSecret(method, path, query);
        };
    }

    private Answer login(String mount, JsonNode body) {
        if (mount.equals("approle")) {
            String roleId = body.path("role_id").asText("");
            String secretId = body.path("secret_id").asText("");
            if (roleId.isEmpty()) {
                return new Answer(400, errors("missing role_id"));
            }
            if (!secretId.equals(appRoles.get(roleId))) {
                return new Answer(400, errors("invalid role or secret ID"));
            }
            return loginAnswer(Duration.ofMinutes(20), Map.of("role_name", roleId));
        }
        if (mount.equals("kubernetes")) {
            String role = body.path("role").asText("");
            if (role.isEmpty() || body.path("jwt").asText("").isEmpty()) {
                return new Answer(400, errors("missing role or jwt"));
            }
            if (!body.path("jwt").asText().equals(kubernetesRoles.get(role))) {
                return new Answer(403, errors("permission denied"));
            }
            return loginAnswer(Duration.ofHours(1), Map.of("role", role));
        }
        return new Answer(404, errors("no handler for route \"auth/" + mount + "/login\". route entry not found."));
    }

    private Answer loginAnswer(Duration ttl, Map<String, String> metadata) {
        String token = createToken(ttl, ttl.multipliedBy(3), true);
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("client_token", token);
        auth.put("accessor", "accessor-" + sequence.incrementAndGet());
        auth.put("policies", List.of("default", "gatehouse-broker"));
        auth.put("token_policies", List.of("default", "gatehouse-broker"));
        auth.put("metadata", metadata);
        auth.put("lease_duration", ttl.toSeconds());
        auth.put("renewable", true);
        return new Answer(200, envelope(Map.of("auth", auth)));
    }

    private Answer lookupSelf(String token, FakeToken caller) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", token);
        data.put("accessor", "accessor-self");
        data.put("policies", List.of("default", "gatehouse-broker"));
        data.put("renewable", caller.renewable);
        data.put("ttl", caller.remaining(clock.instant()).toSeconds());
        data.put("creation_ttl", caller.ttl.toSeconds());
        data.put("expire_time", caller.ttl.isZero() ? null : caller.expiresAt().toString());
        return new Answer(200, envelope(Map.of("data", data)));
    }

    private Answer renewSelf(String token, FakeToken caller, JsonNode body) {
        if (!caller.renewable || caller.ttl.isZero()) {
            return new Answer(400, errors("lease is not renewable"));
        }
        Duration wanted = parseIncrement(body.path("increment"), caller.ttl);
        Instant now = clock.instant();
        Instant until = min(now.plus(wanted), caller.issuedAt.plus(caller.maxTtl));
        FakeToken renewed = new FakeToken(Duration.between(now, until), true, now, Duration.between(now,
                caller.issuedAt.plus(caller.maxTtl)));
        tokens.put(token, renewed);
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("client_token", token);
        auth.put("policies", List.of("default", "gatehouse-broker"));
        auth.put("lease_duration", renewed.ttl.toSeconds());
        auth.put("renewable", true);
        return new Answer(200, envelope(Map.of("auth", auth)));
    }

    private Answer readSecret(String method, String path, String query) {
        int metadata = path.indexOf("/metadata/");
        if (metadata > 0) {
            String key = path.substring(0, metadata) + "/" + path.substring(metadata + 10);
            return kv.containsKey(key) ? requireMethod(method, "GET", () -> readKvMetadata(key)) : new Answer(404, errors());
        }
        int data = path.indexOf("/data/");
        if (data > 0 && kv.containsKey(path.substring(0, data) + "/" + path.substring(data + 6))) {
            return requireMethod(method, "GET", () -> readKv(path.substring(0, data) + "/" + path.substring(data + 6),
                    query));
        }
        if (data > 0) {
            return new Answer(404, errors());
        }
        DynamicRole role = roles.get(path);
        if (role != null) {
            return requireMethod(method, "GET", () -> issueDynamic(path, role));
        }
        return new Answer(404, errors("no handler for route \"" + path + "\". route entry not found."));
    }

    /** {@code GET /v1/<mount>/metadata/<path>}: the secret's versions without their data. */
    private Answer readKvMetadata(String key) {
        List<Map<String, String>> versions = kv.get(key);
        Map<String, Object> byVersion = new LinkedHashMap<>();
        for (int version = 1; version <= versions.size(); version++) {
            boolean deleted = deletedVersions.getOrDefault(key, Set.of()).contains(version);
            byVersion.put(String.valueOf(version), Map.of("created_time", "2026-01-01T00:00:00.000000Z",
                    "deletion_time", deleted ? "2026-01-02T00:00:00.000000Z" : "", "destroyed", false));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("cas_required", false);
        payload.put("created_time", "2026-01-01T00:00:00.000000Z");
        payload.put("current_version", versions.size());
        payload.put("max_versions", 0);
        payload.put("oldest_version", 1);
        payload.put("updated_time", "2026-01-01T00:00:00.000000Z");
        payload.put("versions", byVersion);
        return new Answer(200, envelope(Map.of("data", payload)));
    }

    private Answer readKv(String key, String query) {
        List<Map<String, String>> versions = kv.get(key);
        int version = versions.size();
        if (query != null && query.startsWith("version=")) {
            int asked = Integer.parseInt(query.substring(8));
            version = asked == 0 ? version : asked;
        }
        if (version < 1 || version > versions.size()) {
            return new Answer(404, errors());
        }
        boolean deleted = deletedVersions.getOrDefault(key, Set.of()).contains(version);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("created_time", "2026-01-01T00:00:00.000000Z");
        metadata.put("custom_metadata", null);
        metadata.put("deletion_time", deleted ? "2026-01-02T00:00:00.000000Z" : "");
        metadata.put("destroyed", false);
        metadata.put("version", version);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("data", deleted ? null : versions.get(version - 1));
        payload.put("metadata", metadata);
        return new Answer(deleted ? 404 : 200, envelope(Map.of("data", payload)));
    }

    private Answer issueDynamic(String path, DynamicRole role) {
        sleep(credsDelay);
        int n = sequence.incrementAndGet();
        Map<String, String> data = new LinkedHashMap<>();
        for (String key : role.keys) {
            data.put(key, key.equals("username") ? "v-token-" + n : key + "-" + n + "-" + UUID.randomUUID());
        }
        Instant now = clock.instant();
        FakeLease lease = new FakeLease(path + "/" + UUID.randomUUID().toString().replace("-", ""), data, now,
                now.plus(role.ttl), now.plus(role.maxTtl));
        leases.put(lease.leaseId, lease);
        return new Answer(200, envelope(Map.of("lease_id", lease.leaseId, "lease_duration", role.ttl.toSeconds(),
                "renewable", true, "data", data)));
    }

    private Answer renewLease(JsonNode body) {
        String leaseId = body.path("lease_id").asText("");
        if (leaseId.isEmpty()) {
            return new Answer(400, errors("missing lease ID"));
        }
        FakeLease lease = leases.get(leaseId);
        Instant now = clock.instant();
        if (lease == null || lease.revoked || !now.isBefore(lease.expiresAt)) {
            return new Answer(400, errors("lease not found or lease is not renewable"));
        }
        DynamicRole role = roles.get(leaseId.substring(0, leaseId.lastIndexOf('/')));
        Duration wanted = parseIncrement(body.path("increment"), role.ttl);
        lease.expiresAt = min(now.plus(wanted), lease.maxExpiresAt);
        lease.renewals.incrementAndGet();
        return new Answer(200, envelope(Map.of("lease_id", leaseId, "renewable", true,
                "lease_duration", Duration.between(now, lease.expiresAt).toSeconds())));
    }

    private Answer revokeLease(JsonNode body) {
        String leaseId = body.path("lease_id").asText("");
        if (leaseId.isEmpty()) {
            return new Answer(400, errors("missing lease ID"));
        }
        FakeLease lease = leases.get(leaseId);
        if (lease != null) {
            lease.revoked = true;
        }
        return new Answer(204, null);
    }

    // ---------------------------------------------------------------- helpers

    private Map<String, Object> envelope(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_id", UUID.randomUUID().toString());
        body.put("lease_id", "");
        body.put("renewable", false);
        body.put("lease_duration", 0);
        body.put("data", null);
        body.put("wrap_info", null);
        body.put("warnings", null);
        body.put("auth", null);
        body.putAll(fields);
        return body;
    }

    private static Map<String, Object> errors(String... errors) {
        return Map.of("errors", List.of(errors));
    }

    private static Duration parseIncrement(JsonNode increment, Duration fallback) {
        if (increment.isMissingNode() || increment.isNull()) {
            return fallback;
        }
        if (increment.isNumber()) {
            return Duration.ofSeconds(increment.asLong());
        }
        String text = increment.asText().trim();
        if (text.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        if (text.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        if (text.endsWith("h")) {
            return Duration.ofHours(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(text));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static void sleep(Duration delay) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Answer requireMethod(String method, String expected, java.util.function.Supplier<Answer> action) {
        return method.equals(expected) ? action.get() : new Answer(405, errors("unsupported operation"));
    }

    private static Answer requirePost(String method, java.util.function.Supplier<Answer> action) {
        return method.equals("POST") || method.equals("PUT") ? action.get() : new Answer(405, errors("unsupported operation"));
    }

    private static Answer requirePut(String method, java.util.function.Supplier<Answer> action) {
        return requirePost(method, action);
    }

    private record Answer(int status, Object body) {
    }

    private record DynamicRole(Duration ttl, Duration maxTtl, List<String> keys) {
    }

    private record FakeToken(Duration ttl, boolean renewable, Instant issuedAt, Duration maxTtl) {

        boolean expired(Instant now) {
            return !ttl.isZero() && !now.isBefore(expiresAt());
        }

        Instant expiresAt() {
            return issuedAt.plus(ttl);
        }

        Duration remaining(Instant now) {
            return ttl.isZero() ? Duration.ZERO : Duration.between(now, expiresAt());
        }
    }

    /** A lease this fake issued; tests inspect renewals and revocation. */
    public static final class FakeLease {
        public final String leaseId;
        public final Map<String, String> data;
        public final Instant issuedAt;
        public final Instant maxExpiresAt;
        public volatile Instant expiresAt;
        public volatile boolean revoked;
        public final AtomicInteger renewals = new AtomicInteger();

        FakeLease(String leaseId, Map<String, String> data, Instant issuedAt, Instant expiresAt, Instant maxExpiresAt) {
            this.leaseId = leaseId;
            this.data = data;
            this.issuedAt = issuedAt;
            this.expiresAt = expiresAt;
            this.maxExpiresAt = maxExpiresAt;
        }
    }
}
