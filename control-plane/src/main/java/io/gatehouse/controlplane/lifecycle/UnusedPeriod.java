package io.gatehouse.controlplane.lifecycle;

import io.gatehouse.controlplane.model.IdentityEntity;

import java.time.Duration;
import java.time.Instant;

/**
 * Since when an identity counts as unused: its last use, its creation if it was never used, or the last undo of a
 * lifecycle action (an undo starts a fresh period), whichever is latest.
 */
record UnusedPeriod(Instant start, String since) {

    static UnusedPeriod of(IdentityEntity identity) {
        UnusedPeriod period = identity.lastUsedAt != null ? new UnusedPeriod(identity.lastUsedAt, "last used")
                : new UnusedPeriod(identity.createdAt, "never used since its creation");
        if (identity.lifecycleResetAt != null && identity.lifecycleResetAt.isAfter(period.start)) {
            return new UnusedPeriod(identity.lifecycleResetAt, "not used since a lifecycle action was undone");
        }
        return period;
    }

    String describe(Instant now) {
        return since + " at " + start + ": unused for " + Duration.between(start, now).toDays() + " days";
    }
}
