package io.gatehouse.approval.model;

import java.util.Set;

/**
 * A person deciding on approvals, however they reached us (REST, gRPC, chat).
 *
 * @param name   the name recorded with the decision (OIDC preferred_username or subject, or a mapped chat user)
 * @param groups the groups they belong to (OIDC {@code groups} claim, or configured for a chat user)
 */
public record Approver(String name, Set<String> groups) {

    public Approver {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    public boolean isMemberOf(String group) {
        return groups.contains(group);
    }
}
