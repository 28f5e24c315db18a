package io.gatehouse.controlplane.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How much of each call through a resource its audit record holds; each level includes the one before. */
public enum RecordingLevel {
    /** Who, what, when, decision, status, timings, the redacted query and the masking summary. */
    METADATA,
    /** Metadata and the allow-listed request and response headers. */
    HEADERS,
    /** Headers and the beginning of the request body and of the masked response body. */
    BODIES;

    public String declaredName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RecordingLevel> fromDeclaredName(String name) {
        return Arrays.stream(values()).filter(level -> level.declaredName().equals(name)).findFirst();
    }
}
