package io.gatehouse.dataplane.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PathPatternTest {

    @ParameterizedTest
    @CsvSource({
            "/customers/**, /customers/42, true",
            "/customers/**, /customers, true",
            "/customers/**, /customers/42/orders/7, true",
            "/customers/**, /customersx, false",
            "/customers/*, /customers/42, true",
            "/customers/*, /customers/42/orders, false",
            "/customers/*, /customers, false",
            "/customers/*/orders, /customers/42/orders, true",
            "/customers/*/orders, /customers/42/invoices, false",
            "/refunds, /refunds, true",
            "/refunds, /refunds/1, false",
            "/**, /anything/at/all, true",
            "/**/orders, /a/b/orders, true",
            "/**/orders, /a/b/order, false",
    })
    void matchesSegmentGlobs(String pattern, String path, boolean expected) {
        assertEquals(expected, PathPattern.compile(pattern).matches(path));
    }
}
