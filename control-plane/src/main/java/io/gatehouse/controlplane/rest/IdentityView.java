package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.ClaimMatcher;
import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.IdentityOverview;
import io.gatehouse.controlplane.domain.RateLimit;
import io.gatehouse.controlplane.domain.OidcTrust;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An identity as the admin API shows it; {@code status} is effective now, {@code declaredStatus} as configured,
 * {@code lifecycle} what the automatic lifecycle holds against it (its own status and the orphan flag).
 */
public record IdentityView(String name, String kind, Owner owner, String purpose, Instant createdAt,
                           Instant expiresAt, String status, String declaredStatus, Instant lastUsedAt,
                           List<OidcBinding> oidcBindings, RateLimit rateLimit, Lifecycle lifecycle) {

    /** {@code status} (SUSPENDED, REVOKED or null) since {@code since}; {@code orphanedSince} when flagged. */
    public record Lifecycle(String status, Instant since, Instant orphanedSince) {
    }

    public record Owner(String team, String contact) {
    }

    /**
     * A trust binding; each claim maps to its exact value (a string) or to a one-key object:
     * {@code {"glob": …}}, {@code {"regex": …}} or {@code {"oneOf": […]}}, as in the declarative config.
     */
    public record OidcBinding(String issuer, List<String> audiences, Map<String, Object> claims, boolean force) {

        static OidcBinding from(OidcTrust trust) {
            Map<String, Object> claims = new LinkedHashMap<>();
            trust.claims().forEach((claim, matcher) -> claims.put(claim, describe(matcher)));
            return new OidcBinding(trust.issuer(), trust.audiences(), claims, trust.force());
        }

        private static Object describe(ClaimMatcher matcher) {
            if (matcher instanceof ClaimMatcher.Exact exact) {
                return exact.value();
            }
            if (matcher instanceof ClaimMatcher.Glob glob) {
                return Map.of("glob", glob.glob());
            }
            if (matcher instanceof ClaimMatcher.Regex regex) {
                return Map.of("regex", regex.regex());
            }
            return Map.of("oneOf", ((ClaimMatcher.OneOf) matcher).oneOf());
        }
    }

    static IdentityView from(IdentityOverview overview) {
        IdentityDefinition identity = overview.definition();
        return new IdentityView(identity.name(), identity.kind().declaredName(),
                new Owner(identity.ownerTeam(), identity.ownerContact()), identity.purpose(), overview.createdAt(),
                identity.expiresAt(), overview.effectiveStatus().name(), identity.status().name(),
                overview.lastUsedAt(), identity.oidcTrusts().stream().map(OidcBinding::from).toList(),
                identity.rateLimit(), new Lifecycle(overview.lifecycleHold() == null ? null : overview.lifecycleHold().name(),
                overview.lifecycleSince(), overview.orphanedSince()));
    }
}
