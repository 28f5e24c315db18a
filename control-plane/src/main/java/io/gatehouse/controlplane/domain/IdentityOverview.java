package io.gatehouse.controlplane.domain;

import java.time.Instant;

/** An identity with its bookkeeping: when it was registered, last used, and its effective status. */
public record IdentityOverview(IdentityDefinition definition, IdentityStatus effectiveStatus, Instant createdAt,
                               Instant lastUsedAt) {
}
