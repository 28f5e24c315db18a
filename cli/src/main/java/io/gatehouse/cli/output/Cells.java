package io.gatehouse.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** How one JSON value looks in a table cell: one line, arrays joined with commas, nothing as {@code -}. */
final class Cells {

    static final String MISSING = "-";

    private Cells() {
    }

    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return MISSING;
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(element -> parts.add(element.isValueNode() ? element.asText() : element.toString()));
            return parts.isEmpty() ? MISSING : String.join(",", parts);
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.isEmpty() ? MISSING : oneLine(text);
    }

    static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ");
    }
}
