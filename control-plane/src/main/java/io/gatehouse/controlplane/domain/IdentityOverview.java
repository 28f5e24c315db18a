package io.gatehouse.controlplane.domain;

import java.time.Instant;

/**
 * An identity with its bookkeeping: when it was registered, last used, its effective status (the stricter of the
 * declared one, its expiry and the lifecycle's hold) and what the automatic lifecycle holds against it.
 *
 * @param lifecycleHold SUSPENDED or REVOKED when the lifecycle acted, else {@code null}
 * @param orphanedSince when the identity was flagged because its owner team does not exist, else {@code null}
 */
public record IdentityOverview(IdentityDefinition definition, IdentityStatus effectiveStatus, Instant createdAt,
                               Instant lastUsedAt, IdentityStatus lifecycleHold, Instant lifecycleSince,
                               Instant orphanedSince) {
}
