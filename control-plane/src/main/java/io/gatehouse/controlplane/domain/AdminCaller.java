package io.gatehouse.controlplane.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The person calling the admin API, as far as authorization cares: their name (recorded as the
 * actor of their changes), their roles and the teams they own.
 */
public record AdminCaller(String name, Set<AdminRole> roles, Set<String> ownedTeams) {

    public AdminCaller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        ownedTeams = Set.copyOf(ownedTeams);
    }

    public boolean isAdmin() {
        return roles.contains(AdminRole.ADMIN);
    }

    public boolean hasAnyRole(AdminRole... wanted) {
        for (AdminRole role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** Admins manage every team; owners the teams they own. */
    public boolean manages(String team) {
        return isAdmin() || (roles.contains(AdminRole.OWNER) && ownedTeams.contains(team));
    }
}
