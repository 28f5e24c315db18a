package io.gatehouse.approval;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A local stand-in for the Slack API (Slack is not reachable from here): an HTTP server that takes
 * incoming-webhook messages at {@code /webhook} and response_url calls at {@code /response/...},
 * and keeps what it received for the test to inspect. Configures the approval service to use it.
 */
public class SlackStandIn implements QuarkusTestResourceLifecycleManager {

    public static final String SIGNING_SECRET = "test-signing-secret-0123456789";
    public static final String SLACK_USER = "U0APPROVER";
    public static final String SLACK_USER_NAME = "slack-alice";
    public static final String UNMAPPED_SLACK_USER = "U0STRANGER";

    /** A request the stand-in received: its path and body. */
    public record Received(String path, String body) {
    }

    static final BlockingQueue<Received> WEBHOOK = new LinkedBlockingQueue<>();
    static final BlockingQueue<Received> RESPONSES = new LinkedBlockingQueue<>();
    private static HttpServer server;

    static String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public synchronized Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/webhook", exchange -> receive(exchange, WEBHOOK));
        server.createContext("/response", exchange -> receive(exchange, RESPONSES));
        server.start();
        return Map.of(
                "gatehouse.approval.slack.webhook-url", baseUrl() + "/webhook",
                "gatehouse.approval.slack.signing-secret", SIGNING_SECRET,
                "gatehouse.approval.slack.users.\"" + SLACK_USER + "\"", SLACK_USER_NAME,
                "gatehouse.approval.slack.user-groups.\"" + SLACK_USER + "\"", "payments-approvers,other",
                "gatehouse.approval.slack.response-url-prefixes", baseUrl() + "/response/");
    }

    private static void receive(com.sun.net.httpserver.HttpExchange exchange, BlockingQueue<Received> into)
            throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            boolean json = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                    .startsWith("application/json");
            into.add(new Received(exchange.getRequestURI().getPath(),
                    json ? new String(body.readAllBytes(), StandardCharsets.UTF_8) : "NOT JSON"));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
        } finally {
            exchange.close();
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
