package io.gatehouse.vaultbroker.repository.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.gatehouse.vaultbroker.model.Secret;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Vault's HTTP API: JSON requests under {@code /v1/}, the token in {@code X-Vault-Token}, errors as
 * {@code {"errors": [...]}}. Every request has a connect and a request timeout. Blocks the calling thread,
 * so it is only called from worker threads, never from an event loop.
 */
public class VaultHttp {

    static final String TOKEN_HEADER = "X-Vault-Token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_TEXT = 300;

    private final URI base;
    private final Duration requestTimeout;
    private final HttpClient client;

    public VaultHttp(URI base, Duration connectTimeout, Duration requestTimeout) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/v1/");
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** GET {@code /v1/<path>}; {@code token} may be {@code null} for unauthenticated endpoints. */
    public JsonNode get(String path, Secret token) {
        return send("GET", path, token, null);
    }

    public JsonNode post(String path, Secret token, Map<String, ?> body) {
        return send("POST", path, token, body);
    }

    public JsonNode put(String path, Secret token, Map<String, ?> body) {
        return send("PUT", path, token, body);
    }

    private JsonNode send(String method, String path, Secret token, Map<String, ?> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(requestTimeout)
                .header("Accept", "application/json");
        if (token != null) {
            request.header(TOKEN_HEADER, token.reveal());
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(toJson(body)));
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new VaultUnreachableException("Vault did not answer " + method + " /v1/" + pathOnly(path) + " in time");
        } catch (ConnectException e) {
            throw new VaultUnreachableException("Vault at " + base + " refused or dropped the connection");
        } catch (IOException e) {
            throw new VaultUnreachableException("Vault request " + method + " /v1/" + pathOnly(path) + " failed ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultUnreachableException("interrupted while waiting for Vault");
        }
        return answer(method, path, response);
    }

    private static JsonNode answer(String method, String path, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        JsonNode json = parse(response.body());
        if (status >= 200 && status < 300) {
            return json;
        }
        String errors = errors(json);
        if (status >= 500 || status == 429) {
            throw new VaultUnreachableException("Vault answered " + status + " to " + method + " /v1/" + pathOnly(path)
                    + (errors.isEmpty() ? "" : ": " + errors));
        }
        throw new VaultRequestException(method, pathOnly(path), status, errors);
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static String errors(JsonNode json) {
        JsonNode errors = json.path("errors");
        if (!errors.isArray()) {
            return "";
        }
        String text = StreamSupport.stream(errors.spliterator(), false).map(JsonNode::asText)
                .collect(Collectors.joining("; "));
        return text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "…" : text;
    }

    private static String pathOnly(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static byte[] toJson(Map<String, ?> body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a Vault request body", e);
        }
    }
}
