package io.gatehouse.controlplane.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Lifecycle state of an identity. {@link #EXPIRED} is derived from the expiry, never declared. */
public enum IdentityStatus {
    ACTIVE,
    SUSPENDED,
    REVOKED,
    EXPIRED;

    /** The spelling used in the declarative YAML (lower case). */
    public String declaredName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The states an operator may declare; EXPIRED follows from {@code expires}. */
    public static Optional<IdentityStatus> fromDeclaredName(String name) {
        return Arrays.stream(values())
                .filter(status -> status != EXPIRED && status.declaredName().equals(name))
                .findFirst();
    }
}
