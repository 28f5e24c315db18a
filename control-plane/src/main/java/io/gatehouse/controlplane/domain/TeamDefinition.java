package io.gatehouse.controlplane.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A team that owns identities: who to contact, which groups of the admin token's {@code groups}
 * make someone an owner of its identities and grants, and which group approves its identities'
 * calls when a grant needs approval and names no group of its own.
 *
 * @param ownerGroups   groups whose members own the team (in addition to the configured
 *                      {@code gatehouse-team-<name>} group)
 * @param approverGroup default approver group of the team's grants; {@code null} if none
 */
public record TeamDefinition(String name, String contact, List<String> ownerGroups, String approverGroup) {

    public TeamDefinition {
        Objects.requireNonNull(name, "name");
        ownerGroups = ownerGroups == null ? List.of() : List.copyOf(new TreeSet<>(ownerGroups));
    }

    public Optional<String> defaultApproverGroup() {
        return Optional.ofNullable(approverGroup);
    }
}
