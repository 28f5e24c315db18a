package io.gatehouse.dataplane.policy;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One claim, found by its nesting levels ({@code ["kubernetes.io", "namespace"]}), whose value must
 * satisfy a matcher. A list value satisfies it when one element does; strings are compared as they
 * are, numbers and booleans by their JSON text; objects, null and a missing claim never match.
 */
public record ClaimConstraint(List<String> path, ClaimValueMatcher matcher) {

    public ClaimConstraint {
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a claim constraint needs a claim name");
        }
    }

    public boolean isSatisfiedBy(Map<String, Object> claims) {
        Object value = valueIn(claims);
        if (value instanceof Collection<?> elements) {
            return elements.stream().anyMatch(this::scalarMatches);
        }
        return scalarMatches(value);
    }

    /** The claim at this constraint's path, or null when the token has none there. */
    Object valueIn(Map<String, Object> claims) {
        Object value = claims;
        for (String level : path) {
            if (!(value instanceof Map<?, ?> nested)) {
                return null;
            }
            value = nested.get(level);
        }
        return value;
    }

    /** The text a matcher is asked about for a scalar claim value; null for objects, lists and null, which never match. */
    static String scalarText(Object value) {
        if (value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value.toString();
        }
        return null;
    }

    private boolean scalarMatches(Object value) {
        String text = scalarText(value);
        return text != null && matcher.matches(text);
    }
}
