package io.gatehouse.cli.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Query parameters in the order added; parameters without a value are left out. */
public final class Query {

    private final Map<String, String> parameters = new LinkedHashMap<>();

    public static Query empty() {
        return new Query();
    }

    public Query with(String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            parameters.put(name, value.toString());
        } else {
            parameters.remove(name);
        }
        return this;
    }

    public Query copy() {
        Query copy = new Query();
        copy.parameters.putAll(parameters);
        return copy;
    }

    /** {@code ""} or {@code ?a=1&b=2}, URL-encoded. */
    public String toQueryString() {
        if (parameters.isEmpty()) {
            return "";
        }
        return parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    /** One path segment, percent-encoded (a name or id given by the user never changes the path's shape). */
    public static String segment(String value) {
        return encode(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return toQueryString();
    }
}
