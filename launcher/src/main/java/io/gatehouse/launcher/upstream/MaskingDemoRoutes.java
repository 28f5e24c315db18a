package io.gatehouse.launcher.upstream;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Demo upstream answers full of values a masking gateway must hide, in the shapes that defeat
 * naive maskers: chunked and gzip bodies, JSON labelled as text, server-sent events, NDJSON,
 * binary bodies and a server that answers 206 whatever was asked. Under {@code /masking/}.
 * <ul>
 *   <li>{@code GET /masking/customers?count=N[&gzip]} → JSON {@code {"customers":[…]}} with ssn, card, email, iban, sent chunked</li>
 *   <li>{@code GET /masking/customers-as-text} → the same JSON labelled {@code text/plain}</li>
 *   <li>{@code GET /masking/notes} → {@code text/plain} prose with a card number, an AWS key and a private key</li>
 *   <li>{@code GET /masking/events} → {@code text/event-stream}, three events whose data is JSON</li>
 *   <li>{@code GET /masking/lines} → {@code application/x-ndjson}</li>
 *   <li>{@code GET /masking/binary} → {@code application/octet-stream}</li>
 *   <li>{@code GET /masking/range} → always {@code 206} with a Content-Range</li>
 *   <li>{@code GET /masking/ambiguous} → JSON with two Content-Type headers (event stream and JSON)</li>
 * </ul>
 */
final class MaskingDemoRoutes {

    static final String PREFIX = "/masking/";
    /** The card number in every customer; Luhn-valid test number. */
    static final String CARD = "4111 1111 1111 1111";
    static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";

    private MaskingDemoRoutes() {
    }

    static boolean handles(String method, String path) {
        return ("GET".equals(method) || "HEAD".equals(method)) && path.startsWith(PREFIX);
    }

    static void respond(HttpExchange exchange, String path, String query) throws IOException {
        switch (path.substring(PREFIX.length())) {
            case "customers" -> send(exchange, 200, "application/json", customers(count(query)), query != null && query.contains("gzip"));
            case "customers-as-text" -> send(exchange, 200, "text/plain; charset=utf-8", customers(2), false);
            case "notes" -> send(exchange, 200, "text/plain", "Card " + CARD + " was charged.\nKey id " + AWS_KEY
                    + "\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n"
                    + "-----END PRIVATE KEY-----\nThe end.\n", false);
            case "events" -> send(exchange, 200, "text/event-stream", "event: customer\ndata: " + customer(1) + "\n\n"
                    + ": keep-alive\n\nevent: customer\ndata: " + customer(2) + "\n\ndata: [DONE]\n\n", false);
            case "lines" -> send(exchange, 200, "application/x-ndjson", customer(1) + "\n" + customer(2) + "\n", false);
            case "binary" -> send(exchange, 200, "application/octet-stream", "ssn 123-45-6789", false);
            case "ambiguous" -> {
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(customer(1).getBytes(StandardCharsets.UTF_8));
                }
            }
            case "range" -> {
                exchange.getResponseHeaders().set("Content-Range", "bytes 0-9/100");
                send(exchange, 206, "application/json", customer(1).substring(0, 10), false);
            }
            default -> send(exchange, 404, "application/json", "{\"error\":\"not found\"}", false);
        }
    }

    static String customer(int i) {
        return "{\"id\":" + i + ",\"name\":\"Customer " + i + "\",\"ssn\":\"123-45-" + String.format("%04d", 1000 + i % 9000)
                + "\",\"email\":\"customer" + i + "@example.com\",\"card\":{\"number\":\"" + CARD + "\",\"expiry\":\"12/30\"},"
                + "\"iban\":\"GB82 WEST 1234 5698 7654 32\",\"note\":\"paid with card " + CARD + "\",\"plan\":\"gold\"}";
    }

    private static String customers(int count) {
        StringBuilder json = new StringBuilder("{\"customers\":[");
        for (int i = 1; i <= count; i++) {
            json.append(i > 1 ? "," : "").append(customer(i));
        }
        return json.append("]}").toString();
    }

    private static int count(String query) {
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (parameter.startsWith("count=")) {
                    return Math.max(1, Math.min(100_000, Integer.parseInt(parameter.substring(6))));
                }
            }
        }
        return 2;
    }

    /** Sent chunked (length 0), in pieces, as a streaming upstream would. */
    private static void send(HttpExchange exchange, int status, String type, String body, boolean gzip) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        if (gzip) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : 0);
        if (head) {
            return;
        }
        try (OutputStream raw = exchange.getResponseBody();
             OutputStream out = gzip ? new GZIPOutputStream(raw, 4096, true) : raw) {
            for (int offset = 0; offset < bytes.length; offset += 4096) {
                out.write(bytes, offset, Math.min(4096, bytes.length - offset));
                out.flush();
            }
        }
    }
}
