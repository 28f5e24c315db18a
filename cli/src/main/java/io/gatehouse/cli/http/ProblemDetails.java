package io.gatehouse.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 9457 problem answered by a service ({@code detail}, and per-field {@code errors[].path/message} from the
 * control plane), or what can be said about an error answer that is not one (e.g. an empty 401).
 */
public record ProblemDetails(String detail, List<FieldError> errors) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LONGEST_RAW_BODY = 200;

    public record FieldError(String path, String message) {
        @Override
        public String toString() {
            return path == null || path.isBlank() ? message : path + ": " + message;
        }
    }

    public ProblemDetails {
        errors = List.copyOf(errors);
    }

    /** Reads the problem in an error answer; falls back to a short description of the status. */
    public static ProblemDetails parse(int status, String body) {
        JsonNode problem = readJson(body);
        if (problem != null && problem.isObject()) {
            String detail = text(problem, "detail");
            if (detail == null) {
                detail = text(problem, "title");
            }
            List<FieldError> errors = new ArrayList<>();
            for (JsonNode error : problem.path("errors")) {
                errors.add(new FieldError(text(error, "path"), text(error, "message")));
            }
            if (detail != null || !errors.isEmpty()) {
                return new ProblemDetails(detail == null ? describe(status) : detail, errors);
            }
        }
        return new ProblemDetails(fallback(status, body), List.of());
    }

    private static String fallback(int status, String body) {
        if (body == null || body.isBlank() || body.stripLeading().startsWith("<")) {
            return describe(status);
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return describe(status) + ": " + (oneLine.length() > LONGEST_RAW_BODY ? oneLine.substring(0, LONGEST_RAW_BODY) + "…" : oneLine);
    }

    static String describe(int status) {
        return switch (status) {
            case 401 -> "not authenticated (401): the token is missing, expired, or not issued for audience gatehouse-admin";
            case 403 -> "not allowed (403)";
            case 404 -> "not found (404)";
            case 405 -> "method not allowed (405): is the URL the right service?";
            case 502, 503, 504 -> "service unavailable (" + status + ")";
            default -> "HTTP " + status;
        };
    }

    private static JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
