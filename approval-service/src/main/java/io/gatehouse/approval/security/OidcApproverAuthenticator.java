package io.gatehouse.approval.security;

import io.gatehouse.approval.model.Approver;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Validates the token with the same Quarkus OIDC configuration as the REST API (issuer, audience, groups). */
@ApplicationScoped
public class OidcApproverAuthenticator implements ApproverAuthenticator {

    private final TenantIdentityProvider identityProvider;

    public OidcApproverAuthenticator(TenantIdentityProvider identityProvider) {
        this.identityProvider = identityProvider;
    }

    @Override
    public Uni<Approver> authenticate(String bearerToken) {
        return Uni.createFrom().deferred(() -> identityProvider.authenticate(new AccessTokenCredential(bearerToken)))
                .map(Approvers::of);
    }
}
