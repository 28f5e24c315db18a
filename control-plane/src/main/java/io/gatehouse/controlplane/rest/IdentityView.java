package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.IdentityOverview;
import io.gatehouse.controlplane.domain.OidcTrust;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An identity as the admin API shows it; {@code status} is effective now, {@code declaredStatus} as configured. */
public record IdentityView(String name, String kind, Owner owner, String purpose, Instant createdAt,
                           Instant expiresAt, String status, String declaredStatus, Instant lastUsedAt,
                           List<OidcBinding> oidcBindings) {

    public record Owner(String team, String contact) {
    }

    public record OidcBinding(String issuer, List<String> audiences, Map<String, String> claims) {

        static OidcBinding from(OidcTrust trust) {
            return new OidcBinding(trust.issuer(), trust.audiences(), trust.requiredClaims());
        }
    }

    static IdentityView from(IdentityOverview overview) {
        IdentityDefinition identity = overview.definition();
        return new IdentityView(identity.name(), identity.kind().declaredName(),
                new Owner(identity.ownerTeam(), identity.ownerContact()), identity.purpose(), overview.createdAt(),
                identity.expiresAt(), overview.effectiveStatus().name(), identity.status().name(),
                overview.lastUsedAt(), identity.oidcTrusts().stream().map(OidcBinding::from).toList());
    }
}
