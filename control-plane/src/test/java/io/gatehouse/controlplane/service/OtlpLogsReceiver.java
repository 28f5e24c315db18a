package io.gatehouse.controlplane.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for an OpenTelemetry collector's OTLP/HTTP logs receiver ({@code POST /v1/logs}, JSON
 * encoding): it checks each request has the shape of an {@code ExportLogsServiceRequest} (answering
 * 400 like a collector when not), and keeps each log record's attributes. It can be told to be down (503).
 */
final class OtlpLogsReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Map<String, String>> records = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> requestHeaders = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    OtlpLogsReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/logs", this::export);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/logs");
    }

    void down(boolean down) {
        this.down = down;
    }

    /** Attributes of every record received, plus its body as {@code body} and time as {@code timeUnixNano}. */
    List<Map<String, String>> records() {
        return records;
    }

    List<Map<String, String>> requestHeaders() {
        return requestHeaders;
    }

    private void export(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (down) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())
                    || !"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            requestHeaders.add(headers);
            List<Map<String, String>> received = parse(JSON.readTree(exchange.getRequestBody()));
            if (received == null) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            records.addAll(received);
            byte[] answer = "{}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    /** The records of a well-formed request, or null. */
    private static List<Map<String, String>> parse(JsonNode request) {
        List<Map<String, String>> parsed = new java.util.ArrayList<>();
        for (JsonNode resourceLogs : request.path("resourceLogs")) {
            for (JsonNode scopeLogs : resourceLogs.path("scopeLogs")) {
                for (JsonNode log : scopeLogs.path("logRecords")) {
                    if (!log.path("timeUnixNano").asText().matches("\\d+") || !log.path("body").has("stringValue")) {
                        return null;
                    }
                    Map<String, String> record = new HashMap<>();
                    record.put("timeUnixNano", log.path("timeUnixNano").asText());
                    record.put("body", log.path("body").path("stringValue").asText());
                    record.put("severityText", log.path("severityText").asText());
                    for (JsonNode attribute : log.path("attributes")) {
                        JsonNode value = attribute.path("value");
                        if (value.has("stringValue")) {
                            record.put(attribute.path("key").asText(), value.path("stringValue").asText());
                        } else if (value.has("intValue") && value.path("intValue").asText().matches("-?\\d+")) {
                            record.put(attribute.path("key").asText(), value.path("intValue").asText());
                        } else {
                            return null;
                        }
                    }
                    parsed.add(record);
                }
            }
        }
        return parsed.isEmpty() ? null : parsed;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
