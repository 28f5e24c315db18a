package io.gatehouse.controlplane.security;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.AdminRole;
import io.gatehouse.controlplane.domain.TeamDefinition;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the groups of a verified admin token into roles and owned teams, as configured under
 * {@code gatehouse.control-plane.access} and by the teams' {@code ownerGroups}. A token whose
 * groups match nothing has no role and may do nothing.
 */
@ApplicationScoped
public class AdminRoleMapping {

    private final ControlPlaneConfig.Access access;

    public AdminRoleMapping(ControlPlaneConfig config) {
        this.access = config.access();
    }

    public AdminCaller caller(String name, Set<String> groups, List<TeamDefinition> declaredTeams) {
        Set<AdminRole> roles = EnumSet.noneOf(AdminRole.class);
        addIfMember(roles, AdminRole.ADMIN, groups, access.adminGroups());
        addIfMember(roles, AdminRole.REVIEWER, groups, access.reviewerGroups());
        addIfMember(roles, AdminRole.AUDITOR, groups, access.auditorGroups());
        Set<String> teams = new TreeSet<>();
        String prefix = access.teamGroupPrefix();
        for (String group : groups) {
            if (group.startsWith(prefix) && group.length() > prefix.length()) {
                teams.add(group.substring(prefix.length()));
            }
        }
        declaredTeams.stream().filter(team -> team.ownerGroups().stream().anyMatch(groups::contains))
                .forEach(team -> teams.add(team.name()));
        if (!teams.isEmpty()) {
            roles.add(AdminRole.OWNER);
        }
        return new AdminCaller(name, roles, teams);
    }

    private static void addIfMember(Set<AdminRole> roles, AdminRole role, Set<String> groups, List<String> roleGroups) {
        if (roleGroups.stream().anyMatch(groups::contains)) {
            roles.add(role);
        }
    }
}
