package io.gatehouse.controlplane.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A versioned policy picture as the data planes must enforce it (identity statuses already
 * effective). {@code version} is derived from the content only; {@code generation} orders the
 * snapshots this process has published, so a stream never sends an older one after a newer one.
 */
public record PolicySnapshot(String version, long generation, Instant generatedAt, PolicyModel content) {

    public PolicySnapshot {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(content, "content");
    }
}
