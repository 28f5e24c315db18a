package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.AuditChainEntry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OpenTelemetry collector (or any OTLP/HTTP logs receiver): each batch is one POST of an
 * {@code ExportLogsServiceRequest} in JSON. Any 2xx is delivery; anything else is retried later. The
 * configured headers may hold a credential: they appear in no message.
 */
public final class OtlpHttpLogSink implements AuditSink {

    static final String SERVICE_NAME = "gatehouse-control-plane";

    private final URI endpoint;
    private final String shownEndpoint;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final HttpClient client;

    public OtlpHttpLogSink(URI endpoint, Map<String, String> headers, Duration timeout) {
        this.endpoint = endpoint;
        this.shownEndpoint = withoutSecrets(endpoint);
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code name=value,name=value}, as in {@code OTEL_EXPORTER_OTLP_HEADERS}. */
    public static Map<String, String> parseHeaders(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                // the pair itself may be a secret: say only where it is
                throw new IllegalArgumentException("gatehouse.control-plane.audit-forward.otlp-headers: each entry must be"
                        + " name=value, separated by commas");
            }
            headers.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return headers;
    }

    /**
     * The endpoint as it may appear in logs, messages and the position table: without user info or query,
     * either of which may hold a collector's key.
     */
    public static String withoutSecrets(URI endpoint) {
        return endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort())
                + (endpoint.getRawPath() == null ? "" : endpoint.getRawPath());
    }

    @Override
    public String name() {
        return nameFor(endpoint);
    }

    /** The sink's name (its key in the forwarding positions) for an endpoint, without secrets. */
    public static String nameFor(URI endpoint) {
        return "otlp:" + withoutSecrets(endpoint);
    }

    @Override
    public void send(List<AuditChainEntry> events) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(OtlpLogsEncoder.encode(SERVICE_NAME, events)));
        headers.forEach(request::header);
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while exporting audit events to " + shownEndpoint, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the OTLP endpoint " + shownEndpoint + " answered " + response.statusCode());
        }
    }
}
