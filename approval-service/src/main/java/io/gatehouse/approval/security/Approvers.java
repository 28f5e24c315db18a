package io.gatehouse.approval.security;

import io.gatehouse.approval.model.Approver;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns an authenticated OIDC identity into an {@link Approver}: the name is the token's
 * preferred_username, else its subject, else the principal's name; the groups are the roles
 * (mapped from the {@code groups} claim, {@code quarkus.oidc.roles.role-claim-path}) and the
 * {@code groups} claim itself.
 */
public final class Approvers {

    private Approvers() {
    }

    public static Approver of(SecurityIdentity identity) {
        Set<String> groups = new HashSet<>(identity.getRoles());
        String name = identity.getPrincipal().getName();
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            String preferred = token.getClaim("preferred_username");
            if (preferred != null && !preferred.isBlank()) {
                name = preferred;
            } else if (token.getSubject() != null && !token.getSubject().isBlank()) {
                name = token.getSubject();
            }
            Object claim = token.getClaim("groups");
            if (claim instanceof Collection<?> values) {
                values.forEach(value -> groups.add(unquote(String.valueOf(value))));
            }
        }
        return new Approver(name, groups);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
