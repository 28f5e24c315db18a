package io.gatehouse.controlplane.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a data plane does with a call to a resource while its audit spool refuses new records. */
public enum SpoolFullPolicy {
    /** Fail closed: 503, the upstream is not contacted. */
    REFUSE,
    /** Forward the call anyway, count it, and record its outcome if the spool takes it. */
    BEST_EFFORT;

    public String declaredName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<SpoolFullPolicy> fromDeclaredName(String name) {
        return Arrays.stream(values()).filter(policy -> policy.declaredName().equals(name)).findFirst();
    }
}
