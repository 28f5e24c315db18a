package io.gatehouse.approval;

import com.sun.net.httpserver.HttpExchange;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for the Slack API (Slack is not reachable from here) and for a generic chat tool: an HTTP
 * server that takes incoming-webhook messages at {@code /webhook}, response_url calls at {@code /response/...},
 * Web API calls at {@code /api/chat.postMessage} and {@code /api/chat.update} (answered like Slack, with a
 * channel and a message ts) and generic signed webhook notifications at {@code /chat-webhook}, and keeps what it
 * received for the test to inspect. Configures the approval service to use it.
 */
public class SlackStandIn implements QuarkusTestResourceLifecycleManager {

    public static final String SIGNING_SECRET = "test-signing-secret-0123456789";
    public static final String SLACK_USER = "U0APPROVER";
    public static final String SLACK_USER_NAME = "slack-alice";
    public static final String UNMAPPED_SLACK_USER = "U0STRANGER";
    public static final String CHANNEL = "C0GATEHOUSE";
    public static final String WEBHOOK_SECRET = "test-webhook-secret-9876543210";
    public static final String CHAT_USER = "chat-u-7";
    public static final String CHAT_USER_NAME = "chat-bob";
    public static final String CHAT_OUTSIDER = "chat-u-8";

    /** A request the stand-in received: its path, body and the headers the test looks at. */
    public record Received(String path, String body, String authorization, String timestamp, String signature) {
    }

    static final BlockingQueue<Received> WEBHOOK = new LinkedBlockingQueue<>();
    static final BlockingQueue<Received> RESPONSES = new LinkedBlockingQueue<>();
    static final BlockingQueue<Received> WEB_API = new LinkedBlockingQueue<>();
    static final BlockingQueue<Received> CHAT_WEBHOOK = new LinkedBlockingQueue<>();
    private static final AtomicLong MESSAGE_TS = new AtomicLong(1_700_000_000L);
    private static HttpServer server;
    /** While set, Web API calls are recorded at once but answered only when it opens (a slow Slack). */
    private static volatile java.util.concurrent.CountDownLatch webApiAnswers;

    /** Web API calls from now on get their answer only after {@link #answerWebApi()}. */
    static void holdWebApiAnswers() {
        webApiAnswers = new java.util.concurrent.CountDownLatch(1);
    }

    static void answerWebApi() {
        java.util.concurrent.CountDownLatch held = webApiAnswers;
        webApiAnswers = null;
        if (held != null) {
            held.countDown();
        }
    }

    static synchronized String baseUrl() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/webhook", exchange -> receive(exchange, WEBHOOK, "ok"));
            server.createContext("/response", exchange -> receive(exchange, RESPONSES, "ok"));
            server.createContext("/api/", exchange -> receive(exchange, WEB_API, "{\"ok\":true,\"channel\":\"" + CHANNEL
                    + "\",\"ts\":\"" + MESSAGE_TS.incrementAndGet() + ".000100\"}"));
            server.createContext("/chat-webhook", exchange -> receive(exchange, CHAT_WEBHOOK, "ok"));
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public synchronized Map<String, String> start() {
        String base = baseUrl();
        return Map.ofEntries(
                Map.entry("gatehouse.approval.slack.webhook-url", base + "/webhook"),
                Map.entry("gatehouse.approval.slack.signing-secret", SIGNING_SECRET),
                Map.entry("gatehouse.approval.slack.users.\"" + SLACK_USER + "\"", SLACK_USER_NAME),
                Map.entry("gatehouse.approval.slack.user-groups.\"" + SLACK_USER + "\"", "payments-approvers,other"),
                Map.entry("gatehouse.approval.slack.response-url-prefixes", base + "/response/"),
                Map.entry("gatehouse.approval.webhook.url", base + "/chat-webhook"),
                Map.entry("gatehouse.approval.webhook.secret", WEBHOOK_SECRET),
                Map.entry("gatehouse.approval.webhook.users.\"" + CHAT_USER + "\"", CHAT_USER_NAME),
                Map.entry("gatehouse.approval.webhook.user-groups.\"" + CHAT_USER + "\"", "payments-approvers"),
                Map.entry("gatehouse.approval.webhook.users.\"" + CHAT_OUTSIDER + "\"", "chat-carol"),
                Map.entry("gatehouse.approval.webhook.user-groups.\"" + CHAT_OUTSIDER + "\"", "marketing"));
    }

    private static void receive(HttpExchange exchange, BlockingQueue<Received> into, String answer) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            boolean json = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                    .startsWith("application/json");
            into.add(new Received(exchange.getRequestURI().getPath(),
                    json ? new String(body.readAllBytes(), StandardCharsets.UTF_8) : "NOT JSON",
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("X-Gatehouse-Request-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Gatehouse-Signature")));
            byte[] ok = answer.getBytes(StandardCharsets.UTF_8);
            java.util.concurrent.CountDownLatch held = into == WEB_API ? webApiAnswers : null;
            if (held != null && !held.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IOException("the test never let the held Web API answer go");
            }
            exchange.getResponseHeaders().add("Content-Type", answer.startsWith("{") ? "application/json" : "text/plain");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            exchange.close();
        }
    }

    @Override
    public synchronized void stop() {
        // the server is shared by every test profile of the JVM; it ends with the JVM
    }
}
