package io.gatehouse.controlplane.domain.review;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a reviewer decides for one identity. */
public enum ReviewDecision {
    /** The access stays as it is. */
    KEEP,
    /** The identity is revoked. */
    REVOKE,
    /** The operations its grants allow but it did not use in the window are removed. */
    NARROW,
    /** Its expiry is brought forward to a date the reviewer gives. */
    SHORTEN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReviewDecision> fromLabel(String label) {
        return Arrays.stream(values()).filter(decision -> decision.label().equals(label)).findFirst();
    }
}
