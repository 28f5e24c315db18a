package io.gatehouse.cli.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpHeaders;
import java.util.Optional;

/** A successful (2xx) answer of a service: status, headers and the body as text. */
public record ApiResponse(String service, int status, HttpHeaders headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The body as JSON; an answer that is not JSON is the service's fault, reported as such. */
    public JsonNode json() {
        if (body == null || body.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the " + service + " answered " + status + " with a body that is not JSON");
        }
    }
}
