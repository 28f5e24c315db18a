package io.gatehouse.dataplane.policy;

import java.time.Instant;
import java.util.List;

/** One automation; {@code ownerTeam} is the team that owns it (empty when the snapshot names none). */
public record Identity(String name, String kind, String purpose, Instant expiresAt, IdentityStatus status,
                       List<OidcBinding> oidcBindings, String ownerTeam, RateLimit rateLimit) {

    /** Why this identity may not call anything at {@code now}, or null when it may. */
    public String refusalReason(Instant now) {
        if (status != IdentityStatus.ACTIVE) {
            return "identity '" + name + "' is " + status.name().toLowerCase();
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return "identity '" + name + "' expired at " + expiresAt;
        }
        return null;
    }
}
