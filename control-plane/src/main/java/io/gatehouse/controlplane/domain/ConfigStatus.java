package io.gatehouse.controlplane.domain;

import java.time.Instant;

/** The configuration being served. {@code configFile} is null when none is configured. */
public record ConfigStatus(String version, Instant generatedAt, int identities, int resources, int grants,
                           String configFile) {
}
