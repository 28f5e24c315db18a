package io.gatehouse.controlplane.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, path-aware access to one YAML mapping. Every problem (not a mapping, unknown key, missing
 * or mistyped value) is reported to {@link ConfigProblems} and yields an empty result, so that the
 * parser can go on and report all problems of a file at once.
 */
final class MappingReader {

    private final JsonNode node;
    private final String path;
    private final ConfigProblems problems;

    private MappingReader(JsonNode node, String path, ConfigProblems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** Reads {@code node} as a mapping that may only hold {@code allowedKeys}. */
    static Optional<MappingReader> of(JsonNode node, String path, ConfigProblems problems, Set<String> allowedKeys) {
        if (!node.isObject()) {
            problems.add(path, "must be a mapping");
            return Optional.empty();
        }
        Iterator<String> keys = node.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!allowedKeys.contains(key)) {
                problems.add(child(path, key), "unknown key (allowed: " + String.join(", ", allowedKeys) + ")");
            }
        }
        return Optional.of(new MappingReader(node, path, problems));
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return child(path, key);
    }

    boolean has(String key) {
        return value(key).isPresent();
    }

    Optional<JsonNode> value(String key) {
        JsonNode value = node.path(key);
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    Optional<JsonNode> required(String key) {
        Optional<JsonNode> value = value(key);
        if (value.isEmpty()) {
            problems.add(pathOf(key), "required");
        }
        return value;
    }

    Optional<MappingReader> requiredMapping(String key, Set<String> allowedKeys) {
        return required(key).flatMap(value -> of(value, pathOf(key), problems, allowedKeys));
    }

    Optional<MappingReader> optionalMapping(String key, Set<String> allowedKeys) {
        return value(key).flatMap(value -> of(value, pathOf(key), problems, allowedKeys));
    }

    Optional<String> requiredText(String key) {
        return required(key).flatMap(value -> text(value, pathOf(key)));
    }

    Optional<String> optionalText(String key) {
        return value(key).flatMap(value -> text(value, pathOf(key)));
    }

    Optional<Instant> requiredInstant(String key) {
        return requiredText(key).flatMap(text -> instant(text, pathOf(key)));
    }

    Optional<Instant> optionalInstant(String key) {
        return optionalText(key).flatMap(text -> instant(text, pathOf(key)));
    }

    Optional<Boolean> requiredBoolean(String key) {
        return required(key).flatMap(value -> {
            if (!value.isBoolean()) {
                problems.add(pathOf(key), "must be true or false");
                return Optional.empty();
            }
            return Optional.of(value.booleanValue());
        });
    }

    Optional<Integer> optionalInt(String key) {
        return value(key).flatMap(value -> {
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                problems.add(pathOf(key), "must be an integer");
                return Optional.empty();
            }
            return Optional.of(value.intValue());
        });
    }

    /** A list of strings; {@code nonEmpty} refuses an empty list. Empty result if any item is wrong. */
    Optional<List<String>> textList(String key, boolean required, boolean nonEmpty) {
        Optional<JsonNode> value = required ? required(key) : value(key);
        if (value.isEmpty()) {
            return required ? Optional.empty() : Optional.of(List.of());
        }
        String listPath = pathOf(key);
        if (!value.get().isArray()) {
            problems.add(listPath, "must be a list");
            return Optional.empty();
        }
        if (nonEmpty && value.get().isEmpty()) {
            problems.add(listPath, "must not be empty");
            return Optional.empty();
        }
        List<String> items = new ArrayList<>();
        boolean valid = true;
        for (int index = 0; index < value.get().size(); index++) {
            Optional<String> item = text(value.get().get(index), listPath + "[" + index + "]");
            valid &= item.isPresent();
            item.ifPresent(items::add);
        }
        return valid ? Optional.of(items) : Optional.empty();
    }

    /** A mapping of strings to strings. Empty result if any entry is wrong. */
    Optional<Map<String, String>> requiredTextMap(String key) {
        Optional<JsonNode> value = required(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String mapPath = pathOf(key);
        if (!value.get().isObject()) {
            problems.add(mapPath, "must be a mapping");
            return Optional.empty();
        }
        Map<String, String> entries = new LinkedHashMap<>();
        boolean valid = true;
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.get().fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Optional<String> entry = text(field.getValue(), child(mapPath, field.getKey()));
            valid &= entry.isPresent();
            entry.ifPresent(text -> entries.put(field.getKey(), text));
        }
        return valid ? Optional.of(entries) : Optional.empty();
    }

    void problem(String key, String message) {
        problems.add(pathOf(key), message);
    }

    private Optional<String> text(JsonNode value, String valuePath) {
        if (!value.isTextual()) {
            problems.add(valuePath, "must be a string" + (value.isValueNode() ? " (quote it)" : ""));
            return Optional.empty();
        }
        if (value.textValue().isBlank()) {
            problems.add(valuePath, "must not be blank");
            return Optional.empty();
        }
        return Optional.of(value.textValue().strip());
    }

    private Optional<Instant> instant(String text, String valuePath) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            problems.add(valuePath, "must be an ISO-8601 date-time with offset, e.g. 2027-06-30T00:00:00Z, was '" + text + "'");
            return Optional.empty();
        }
    }
}
