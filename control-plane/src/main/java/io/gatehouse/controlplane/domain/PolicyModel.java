package io.gatehouse.controlplane.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The complete policy picture — identities, resources and grants — in canonical order, so that
 * equal content has equal structure (and serialization).
 */
public record PolicyModel(List<IdentityDefinition> identities, List<ResourceDefinition> resources,
                          List<GrantDefinition> grants) {

    public static final PolicyModel EMPTY = new PolicyModel(List.of(), List.of(), List.of());

    public PolicyModel {
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

    public Optional<GrantDefinition> grant(String id) {
        return grants.stream().filter(grant -> grant.id().equals(id)).findFirst();
    }
}
