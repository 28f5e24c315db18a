package io.gatehouse.dataplane.path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PathCanonicalizerTest {

    @ParameterizedTest
    @CsvSource({
            "/demo/customers/42, /demo/customers/42",
            "/demo//customers/./42/, /demo/customers/42",
            "/demo/x/../customers/42, /demo/customers/42",
            "/demo/%63ustomers/42, /demo/customers/42",
            "/demo/%2e%2e/admin, /admin",
            "/demo/a%20b, /demo/a%20b",
            "/demo/a%3fb, /demo/a%3Fb",
            "/, /",
    })
    void producesOneCanonicalForm(String raw, String canonical) {
        assertEquals(canonical, PathCanonicalizer.canonicalize(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/demo/a%2Fb", "/demo/a%2fb", "/demo/a%5Cb", "/demo/a\\b", "/demo/%00", "/demo/%zz",
            "/demo/%4", "/../etc/passwd", "/demo/../../x", "demo", "/demo/a b"})
    void refusesAmbiguousPaths(String raw) {
        assertThrows(InvalidPathException.class, () -> PathCanonicalizer.canonicalize(raw));
    }

    @Test
    void encodedDotSegmentsCannotEscapeTheRoot() {
        assertThrows(InvalidPathException.class, () -> PathCanonicalizer.canonicalize("/%2e%2e/secret"));
    }
}
