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

    /**
     * The stricter of two statuses that both apply (e.g. the declared one and the lifecycle's): revoked over
     * expired over suspended over active.
     */
    public IdentityStatus stricter(IdentityStatus other) {
        return other != null && other.strictness() > strictness() ? other : this;
    }

    private int strictness() {
        return switch (this) {
            case ACTIVE -> 0;
            case SUSPENDED -> 1;
            case EXPIRED -> 2;
            case REVOKED -> 3;
        };
    }

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
