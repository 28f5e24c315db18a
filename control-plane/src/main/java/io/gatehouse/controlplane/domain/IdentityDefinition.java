package io.gatehouse.controlplane.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One automation: who owns it, why it exists, until when, and how it authenticates.
 *
 * @param rateLimit the calls per period every data plane lets it make, or {@code null} for no limit
 */
public record IdentityDefinition(
        String name,
        IdentityKind kind,
        String ownerTeam,
        String ownerContact,
        String purpose,
        Instant expiresAt,
        IdentityStatus status,
        List<OidcTrust> oidcTrusts,
        RateLimit rateLimit) {

    public IdentityDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
        oidcTrusts = oidcTrusts.stream().sorted(Comparator.comparing(OidcTrust::sortKey)).toList();
    }

    /**
     * The status the data planes must enforce at {@code now}: an identity past its expiry is
     * {@link IdentityStatus#EXPIRED} unless it was revoked, which stays the stronger statement.
     */
    public IdentityStatus effectiveStatus(Instant now) {
        if (status != IdentityStatus.REVOKED && !expiresAt.isAfter(now)) {
            return IdentityStatus.EXPIRED;
        }
        return status;
    }

    public IdentityDefinition withStatus(IdentityStatus newStatus) {
        return new IdentityDefinition(name, kind, ownerTeam, ownerContact, purpose, expiresAt, newStatus, oidcTrusts, rateLimit);
    }
}
