package io.gatehouse.launcher.testing.oauth2;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An OAuth2 authorization server's token endpoint for tests: the client credentials grant of RFC 6749
 * 4.4 at {@code POST /token}, faithful where a client can go wrong. The client authenticates with HTTP
 * Basic over its form-urlencoded id and secret (2.3.1) or with {@code client_id}/{@code client_secret} in
 * the body, never both (2.3: one method per request); a wrong client gets 401 {@code invalid_client} with
 * {@code WWW-Authenticate} (5.2); the body must be {@code application/x-www-form-urlencoded}, the grant
 * {@code client_credentials}, every requested scope one the client may have ({@code invalid_scope}); answers
 * carry {@code Cache-Control: no-store} (5.1). Issued tokens are random, with {@code expires_in}; the server
 * knows which it issued ({@link #issued}). A delay holds every answer (to make requests overlap).
 * <p>
 * Deliberately unkind on failure: the {@code error_description} of an {@code invalid_client} quotes the
 * secret it was sent, so a gateway that relays or logs it is caught.
 */
public final class FakeOAuth2Server implements AutoCloseable {

    /** One token request as received: how the client authenticated and what it asked for. */
    public record TokenRequest(String clientAuth, String clientId, Map<String, String> form) {
    }

    private record Client(String secret, Set<String> scopes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, String> issued = new ConcurrentHashMap<>();
    private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Duration expiresIn = Duration.ofHours(1);
    private volatile Duration delay = Duration.ZERO;

    private FakeOAuth2Server(HttpServer server) {
        this.server = server;
    }

    public static FakeOAuth2Server start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeOAuth2Server fake = new FakeOAuth2Server(http);
        http.createContext("/token", fake::token);
        http.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-oauth2");
            thread.setDaemon(true);
            return thread;
        }));
        http.start();
        return fake;
    }

    /** Registers a confidential client that may ask for {@code scopes}. */
    public FakeOAuth2Server client(String clientId, String secret, String... scopes) {
        clients.put(clientId, new Client(secret, Set.of(scopes)));
        return this;
    }

    public FakeOAuth2Server expiresIn(Duration lifetime) {
        this.expiresIn = lifetime;
        return this;
    }

    public FakeOAuth2Server delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    public URI tokenUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    public List<TokenRequest> requests() {
        return List.copyOf(requests);
    }

    /** The client a token was issued to, or null when this server never issued it. */
    public String issuedTo(String token) {
        return token == null ? null : issued.get(token);
    }

    public Set<String> issued() {
        return Set.copyOf(issued.keySet());
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            pause();
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                answer(exchange, 405, Map.of("error", "invalid_request", "error_description", "POST only"));
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
                answer(exchange, 400, error("invalid_request", "the body must be application/x-www-form-urlencoded"));
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (form == null) {
                answer(exchange, 400, error("invalid_request", "a parameter is repeated"));
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            boolean inBody = form.containsKey("client_secret");
            if (authorization != null && inBody) {
                answer(exchange, 400, error("invalid_request", "more than one client authentication method"));
                return;
            }
            String[] client = authorization != null ? basic(authorization)
                    : inBody ? new String[] {form.get("client_id"), form.get("client_secret")} : null;
            requests.add(new TokenRequest(authorization != null ? "client_secret_basic" : inBody ? "client_secret_post" : "none",
                    client == null ? null : client[0], redacted(form)));
            Client known = client == null || client[0] == null ? null : clients.get(client[0]);
            if (known == null || client[1] == null || !MessageDigest.isEqual(known.secret().getBytes(StandardCharsets.UTF_8),
                    client[1].getBytes(StandardCharsets.UTF_8))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"token\"");
                answer(exchange, 401, error("invalid_client", "client authentication failed for secret '"
                        + (client == null ? "" : client[1]) + "'"));
                return;
            }
            if (!"client_credentials".equals(form.get("grant_type"))) {
                answer(exchange, 400, error("unsupported_grant_type", "only client_credentials"));
                return;
            }
            List<String> scopes = form.containsKey("scope") ? List.of(form.get("scope").split(" ")) : List.of();
            if (!known.scopes().containsAll(scopes)) {
                answer(exchange, 400, error("invalid_scope", "not allowed: " + scopes));
                return;
            }
            byte[] random = new byte[24];
            RANDOM.nextBytes(random);
            String token = "at-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            issued.put(token, client[0]);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", token);
            body.put("token_type", "Bearer");
            body.put("expires_in", expiresIn.toSeconds());
            if (!scopes.isEmpty()) {
                body.put("scope", String.join(" ", scopes));
            }
            answer(exchange, 200, body);
        }
    }

    private void pause() {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** RFC 6749 2.3.1: Basic over the form-urlencoded id and secret; null parts when malformed. */
    private static String[] basic(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new String[] {null, null};
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon < 0) {
                return new String[] {null, null};
            }
            return new String[] {URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException malformed) {
            return new String[] {null, null};
        }
    }

    /** The parameters, or null when one is repeated (3.2: parameters must not be included more than once). */
    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (form.put(name, value) != null) {
                return null;
            }
        }
        return form;
    }

    private static Map<String, String> redacted(Map<String, String> form) {
        Map<String, String> copy = new HashMap<>(form);
        copy.computeIfPresent("client_secret", (name, value) -> "<redacted>");
        return Map.copyOf(copy);
    }

    private static Map<String, Object> error(String code, String description) {
        return Map.of("error", code, "error_description", description);
    }

    private static void answer(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Pragma", "no-cache");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
