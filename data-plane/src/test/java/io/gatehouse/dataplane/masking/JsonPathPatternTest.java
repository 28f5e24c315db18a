package io.gatehouse.dataplane.masking;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonPathPatternTest {

    @Test
    void membersElementsWildcardsAndDescendants() {
        assertTrue(matches("$.customers[*].ssn", "customers", 3, "ssn"));
        assertFalse(matches("$.customers[*].ssn", "customers", 3, "card", "ssn"));
        assertFalse(matches("$.customers[*].ssn", "ssn"));
        assertTrue(matches("$..card.number", "a", 1, "b", "card", "number"));
        assertTrue(matches("$..card.number", "card", "number"));
        assertFalse(matches("$..card.number", "card", "x", "number"));
        assertTrue(matches("$['odd key'].x", "odd key", "x"));
        assertTrue(matches("$.list[2]", "list", 2));
        assertFalse(matches("$.list[2]", "list", 1));
        assertTrue(matches("$.*.id", "anything", "id"));
        assertTrue(matches("$..*", "a"));
        assertTrue(matches("$..[0].x", "a", "b", 0, "x"));
    }

    @Test
    void namesCompareCaseInsensitivelyUnlessAsked() {
        assertTrue(matches("$.Customer.SSN", "customer", "ssn"));
        JsonPathPattern exact = JsonPathPattern.compile("$.Customer", true);
        assertFalse(exact.matches(exact.member(JsonPathPattern.START, "customer", "customer")));
    }

    /** Segments: String = member name, Integer = element index. */
    private static boolean matches(String pattern, Object... segments) {
        JsonPathPattern compiled = JsonPathPattern.compile(pattern, false);
        long states = JsonPathPattern.START;
        for (Object segment : segments) {
            states = segment instanceof Integer index
                    ? compiled.element(states, index)
                    : compiled.member(states, (String) segment, NameFolding.fold((String) segment));
        }
        return compiled.matches(states);
    }
}
