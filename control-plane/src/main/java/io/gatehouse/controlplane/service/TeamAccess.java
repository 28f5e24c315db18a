package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.AdminRole;

/** The rule for team-owned objects: admins manage every team's, owners their own teams'. */
final class TeamAccess {

    private TeamAccess() {
    }

    /** @throws NotPermittedException naming the missing role or the team the caller does not own */
    static void requireManages(AdminCaller caller, String action, String team) {
        if (caller.manages(team)) {
            return;
        }
        if (!caller.hasAnyRole(AdminRole.ADMIN, AdminRole.OWNER)) {
            throw NotPermittedException.roleMissing(caller, action, AdminRole.ADMIN, AdminRole.OWNER);
        }
        throw NotPermittedException.teamNotManaged(caller, action, team);
    }
}
