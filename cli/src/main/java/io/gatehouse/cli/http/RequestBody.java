package io.gatehouse.cli.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The body of a write request and its media type. */
public record RequestBody(String content, String contentType) {

    public static final String JSON = "application/json";
    public static final String YAML = "application/yaml";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static RequestBody json(JsonNode node) {
        try {
            return new RequestBody(MAPPER.writeValueAsString(node), JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request body as JSON", e);
        }
    }

    @Override
    public String toString() {
        return "RequestBody[" + contentType + ", " + content.length() + " chars]";
    }
}
