package io.gatehouse.controlplane.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The complete policy picture — identities, resources, grants and teams — in canonical order, so
 * that equal content has equal structure (and serialization).
 */
public record PolicyModel(List<IdentityDefinition> identities, List<ResourceDefinition> resources,
                          List<GrantDefinition> grants, List<TeamDefinition> teams) {

    public static final PolicyModel EMPTY = new PolicyModel(List.of(), List.of(), List.of(), List.of());

    public PolicyModel {
        teams = teams.stream().sorted(Comparator.comparing(TeamDefinition::name)).toList();
        identities = identities.stream().sorted(Comparator.comparing(IdentityDefinition::name)).toList();
        resources = resources.stream().sorted(Comparator.comparing(ResourceDefinition::name)).toList();
        grants = grants.stream().sorted(GrantDefinition.CANONICAL_ORDER).toList();
    }

    public Optional<IdentityDefinition> identity(String name) {
        return identities.stream().filter(identity -> identity.name().equals(name)).findFirst();
    }

    public Optional<ResourceDefinition> resource(String name) {
        return resources.stream().filter(resource -> resource.name().equals(name)).findFirst();
    }

    public Optional<TeamDefinition> team(String name) {
        return teams.stream().filter(team -> team.name().equals(name)).findFirst();
    }

    /** The same model with other identities (for example with their statuses made effective). */
    public PolicyModel withIdentities(List<IdentityDefinition> replaced) {
        return new PolicyModel(replaced, resources, grants, teams);
    }

    /**
     * The approver group that decides on calls under {@code grant}: its own, else the default of
     * the team owning its identity.
     */
    public Optional<String> approverGroupOf(GrantDefinition grant) {
        if (grant.approval() == null) {
            return Optional.empty();
        }
        if (grant.approval().approverGroup() != null) {
            return Optional.of(grant.approval().approverGroup());
        }
        return identity(grant.identity()).flatMap(identity -> team(identity.ownerTeam()))
                .flatMap(TeamDefinition::defaultApproverGroup);
    }

    public Optional<GrantDefinition> grant(String id) {
        return grants.stream().filter(grant -> grant.id().equals(id)).findFirst();
    }
}
