package io.gatehouse.controlplane.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** The allowed keys of a mapping, in the order problem messages list them. */
final class DeclarativeKeys {

    private DeclarativeKeys() {
    }

    static Set<String> of(String... keys) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(keys)));
    }
}
