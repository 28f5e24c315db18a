package io.gatehouse.it.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An upstream for resources whose credential comes from Vault: answers every request with 200 and remembers the
 * Authorization header and the request URI it was sent, so a test can see which credential the gateway injected.
 * Below {@code /echo} it reflects both in its answer, as a careless debug endpoint would. It also keeps the identity
 * assertion each request carried.
 */
public final class RecordingUpstream implements AutoCloseable {

    public static final String ASSERTION_HEADER = "X-Gatehouse-Identity-Assertion";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> uris = new CopyOnWriteArrayList<>();
    private final List<String> assertions = new CopyOnWriteArrayList<>();

    private RecordingUpstream(HttpServer server) {
        this.server = server;
    }

    public static RecordingUpstream start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            RecordingUpstream upstream = new RecordingUpstream(server);
            server.setExecutor(upstream.executor);
            server.createContext("/", exchange -> {
                try (exchange) {
                    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                    upstream.authorizations.add(authorization == null ? "" : authorization);
                    String uri = exchange.getRequestURI().toString();
                    upstream.uris.add(uri);
                    String assertion = exchange.getRequestHeaders().getFirst(ASSERTION_HEADER);
                    upstream.assertions.add(assertion == null ? "" : assertion);
                    byte[] body = (uri.contains("/echo") ? "{\"authorization\":\"" + authorization + "\",\"uri\":\"" + uri + "\"}"
                            : "{\"ok\":true}").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            });
            server.start();
            return upstream;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the recording upstream", e);
        }
    }

    /** The identity assertion header of the latest request ("" if it had none), or null before the first. */
    public String lastAssertion() {
        return assertions.isEmpty() ? null : assertions.get(assertions.size() - 1);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The Authorization header of the latest request, or null before the first. */
    public String lastAuthorization() {
        return authorizations.isEmpty() ? null : authorizations.get(authorizations.size() - 1);
    }

    /** The request URI (path and raw query) of the latest request, or null before the first. */
    public String lastUri() {
        return uris.isEmpty() ? null : uris.get(uris.size() - 1);
    }

    /** Every request URI received so far, in order. */
    public List<String> uris() {
        return List.copyOf(uris);
    }

    /** Every Authorization header received so far (empty strings for requests without one). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
