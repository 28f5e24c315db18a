package io.gatehouse.controlplane.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.controlplane.domain.ClaimMatcher;
import io.gatehouse.controlplane.domain.ClaimPath;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the claim constraints of a trust binding: a mapping of claim names ({@link ClaimPath}) to
 * either a plain value (exact match) or a mapping with one of {@code exact}, {@code glob},
 * {@code regex} or {@code oneOf}.
 */
final class ClaimMatcherParser {

    static final String EXACT = "exact";
    static final String GLOB = "glob";
    static final String REGEX = "regex";
    static final String ONE_OF = "oneOf";
    private static final List<String> MATCHER_KEYS = List.of(EXACT, GLOB, REGEX, ONE_OF);

    private final ConfigProblems problems;

    ClaimMatcherParser(ConfigProblems problems) {
        this.problems = problems;
    }

    /** The mapping at {@code path}: claim name to matcher. Empty result if any entry is wrong. */
    Optional<SortedMap<String, ClaimMatcher>> parseClaims(JsonNode node, String path) {
        if (!node.isObject()) {
            problems.add(path, "must be a mapping of claim names to values or matchers, e.g. {repository: acme/api}");
            return Optional.empty();
        }
        SortedMap<String, ClaimMatcher> claims = new TreeMap<>();
        boolean valid = true;
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String claimPath = MappingReader.child(path, field.getKey());
            Optional<ClaimMatcher> matcher = claimName(field.getKey(), claimPath)
                    .flatMap(name -> parse(field.getValue(), claimPath));
            valid &= matcher.isPresent();
            matcher.ifPresent(value -> claims.put(field.getKey(), value));
        }
        return valid ? Optional.of(claims) : Optional.empty();
    }

    /** One matcher: a plain value, or a mapping with exactly one matcher key. */
    Optional<ClaimMatcher> parse(JsonNode node, String path) {
        if (!node.isObject()) {
            return scalar(node, path).map(ClaimMatcher.Exact::new);
        }
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        if (keys.size() != 1 || !MATCHER_KEYS.contains(keys.get(0))) {
            problems.add(path, "must be a value (exact match) or a mapping with exactly one of "
                    + String.join(", ", MATCHER_KEYS) + ", e.g. {glob: \"refs/heads/release/*\"}, was " + keys);
            return Optional.empty();
        }
        String kind = keys.get(0);
        String matcherPath = MappingReader.child(path, kind);
        JsonNode value = node.get(kind);
        return switch (kind) {
            case EXACT -> scalar(value, matcherPath).map(ClaimMatcher.Exact::new);
            case GLOB -> pattern(value, matcherPath, "a glob: '*' any run of characters, '?' one, '\\' escapes the next")
                    .flatMap(glob -> build(matcherPath, () -> new ClaimMatcher.Glob(glob)));
            case REGEX -> pattern(value, matcherPath, "a Java regular expression that must match the whole value")
                    .flatMap(regex -> build(matcherPath, () -> new ClaimMatcher.Regex(regex)));
            default -> oneOf(value, matcherPath);
        };
    }

    private Optional<String> claimName(String name, String path) {
        try {
            ClaimPath.segments(name);
            return Optional.of(name);
        } catch (IllegalArgumentException e) {
            problems.add(path, "invalid claim name: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<ClaimMatcher> oneOf(JsonNode node, String path) {
        if (!node.isArray() || node.isEmpty() || node.size() > ClaimMatcher.MAX_ONE_OF_VALUES) {
            problems.add(path, "must be a list of 1 to " + ClaimMatcher.MAX_ONE_OF_VALUES + " values");
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        boolean valid = true;
        for (int index = 0; index < node.size(); index++) {
            Optional<String> value = scalar(node.get(index), path + "[" + index + "]");
            valid &= value.isPresent();
            value.ifPresent(values::add);
        }
        return valid ? Optional.of(new ClaimMatcher.OneOf(values)) : Optional.empty();
    }

    /** A string, or a boolean or integer taken as its JSON text (how such claims are compared). */
    private Optional<String> scalar(JsonNode node, String path) {
        if (node.isBoolean() || node.isIntegralNumber()) {
            return Optional.of(node.asText());
        }
        if (!node.isTextual()) {
            problems.add(path, "must be a string, a boolean or an integer" + (node.isValueNode() ? " (quote it)" : ""));
            return Optional.empty();
        }
        if (node.textValue().isBlank()) {
            problems.add(path, "must not be blank");
            return Optional.empty();
        }
        return Optional.of(node.textValue());
    }

    private Optional<String> pattern(JsonNode node, String path, String what) {
        if (!node.isTextual() || node.textValue().isEmpty()) {
            problems.add(path, "must be " + what);
            return Optional.empty();
        }
        return Optional.of(node.textValue());
    }

    private Optional<ClaimMatcher> build(String path, java.util.function.Supplier<ClaimMatcher> matcher) {
        try {
            return Optional.of(matcher.get());
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
            return Optional.empty();
        }
    }
}
