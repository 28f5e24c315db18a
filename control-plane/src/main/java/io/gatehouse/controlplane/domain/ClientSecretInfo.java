package io.gatehouse.controlplane.domain;

import java.time.Instant;

/** What may be shown of a gateway client secret: everything but the secret and its hash. */
public record ClientSecretInfo(String secretId, String identity, String description, Instant createdAt,
                               String createdBy, Instant lastUsedAt, Instant revokedAt, String revokedReason) {
}
