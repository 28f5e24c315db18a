package io.gatehouse.approval.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is deciding: the token's preferred_username, else its subject, else the principal's name. */
@RequestScoped
public class ApproverName {

    private final SecurityIdentity identity;

    public ApproverName(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String get() {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            String preferred = token.getClaim("preferred_username");
            if (preferred != null && !preferred.isBlank()) {
                return preferred;
            }
            if (token.getSubject() != null && !token.getSubject().isBlank()) {
                return token.getSubject();
            }
        }
        return identity.getPrincipal().getName();
    }
}
