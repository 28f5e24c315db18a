package io.gatehouse.launcher.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small upstream API for the demonstration and the end-to-end tests, in the launcher's JVM on
 * 127.0.0.1. It only answers callers that present {@code Authorization: Bearer <secret>} — the
 * secret that only the vault broker's store holds — so a 200 proves the gateway injected the
 * credential. It records every request it receives.
 * <ul>
 *   <li>{@code GET /customers/{id}} → 200 a customer record with an {@code ssn} field</li>
 *   <li>{@code POST /refunds} and {@code POST /refunds/{kind}} → 201 {@code {"refundId":"r-…","status":"issued"}}</li>
 *   <li>{@code GET /masking/…} → bodies for the masking scenarios ({@link MaskingDemoRoutes})</li>
 * </ul>
 */
public final class DemoUpstream implements AutoCloseable {

    private static final Pattern CUSTOMER = Pattern.compile("/customers/([A-Za-z0-9_-]+)");
    private static final Pattern REFUND = Pattern.compile("/refunds(/[a-z-]+)?");

    private final String secret;
    private final HttpServer server;
    private final ExecutorService executor;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    private DemoUpstream(String secret, HttpServer server, ExecutorService executor) {
        this.secret = secret;
        this.server = server;
        this.executor = executor;
    }

    /** Starts the upstream on 127.0.0.1 (port 0 = any free port). */
    public static DemoUpstream start(int port, String secret) throws IOException {
        // The JDK server leaves Nagle's algorithm on; on kept-alive connections (the gateway's pool) it
        // then waits for the client's delayed ACK between head and body: ~40 ms per call.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "demo-upstream");
            thread.setDaemon(true);
            return thread;
        });
        DemoUpstream upstream = new DemoUpstream(secret, server, executor);
        server.createContext("/", upstream::handle);
        server.setExecutor(executor);
        server.start();
        return upstream;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Every request received so far, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (RuntimeException e) {
                respond(exchange, 500, "{\"error\":\"demo upstream failed\"}");
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            requests.add(new RecordedRequest(Instant.now(), method, path,
                    exchange.getRequestURI().getRawQuery(), headers, body));

            Matcher customer = CUSTOMER.matcher(path);
            boolean knownRoute = ("GET".equals(method) && customer.matches())
                    || ("POST".equals(method) && REFUND.matcher(path).matches()) || MaskingDemoRoutes.handles(method, path);
            if (!knownRoute) {
                respond(exchange, 404, "{\"error\":\"not found\"}");
                return;
            }
            if (!("Bearer " + secret).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"demo\"");
                respond(exchange, 401, "{\"error\":\"missing or wrong upstream credential\"}");
                return;
            }
            if (MaskingDemoRoutes.handles(method, path)) {
                MaskingDemoRoutes.respond(exchange, path, exchange.getRequestURI().getRawQuery());
            } else if ("GET".equals(method)) {
                String id = customer.group(1);
                respond(exchange, 200, "{\"id\":\"" + id + "\",\"name\":\"Ada Lovelace\","
                        + "\"email\":\"ada@example.com\",\"ssn\":\"123-45-6789\",\"plan\":\"gold\"}");
            } else {
                respond(exchange, 201, "{\"refundId\":\"r-" + UUID.randomUUID().toString().substring(0, 8)
                        + "\",\"status\":\"issued\"}");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
