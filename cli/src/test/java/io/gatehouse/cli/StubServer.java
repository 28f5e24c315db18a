package io.gatehouse.cli;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server standing in for a Gatehouse service: answers each "METHOD /path?query" with the responses
 * queued for it (the last one repeats), 404 problem for anything else, and records every request it received.
 */
final class StubServer implements AutoCloseable {

    record Answer(int status, String contentType, String body, Map<String, String> headers) {
    }

    record Received(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", exchange -> {
            try (exchange) {
                String target = exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(exchange.getRequestMethod(), target, Map.copyOf(exchange.getRequestHeaders()), body));
                Answer answer = next(exchange.getRequestMethod() + " " + target);
                answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                if (!answer.body().isEmpty()) {
                    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                }
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            }
        });
        server.start();
    }

    /** Queues an answer to {@code "GET /api/v1/identities?team=x"}-style requests. */
    StubServer on(String methodAndTarget, int status, String json) {
        return on(methodAndTarget, status, json, Map.of());
    }

    StubServer on(String methodAndTarget, int status, String json, Map<String, String> headers) {
        String type = status >= 400 ? "application/problem+json" : "application/json";
        answers.computeIfAbsent(methodAndTarget, key -> new ArrayDeque<>()).add(new Answer(status, type, json, headers));
        return this;
    }

    StubServer onText(String methodAndTarget, String contentType, String text) {
        answers.computeIfAbsent(methodAndTarget, key -> new ArrayDeque<>()).add(new Answer(200, contentType, text, Map.of()));
        return this;
    }

    private synchronized Answer next(String key) {
        Deque<Answer> queue = answers.get(key);
        if (queue == null || queue.isEmpty()) {
            return new Answer(404, "application/problem+json",
                    "{\"status\":404,\"detail\":\"stub has no answer for " + key + "\"}", Map.of());
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received only(String method) {
        List<Received> matching = received.stream().filter(request -> request.method().equals(method)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + method + " request, got " + received);
        }
        return matching.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
