package io.gatehouse.controlplane.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.controlplane.config.DeclarativeConfigWriter;
import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.AdminRole;
import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.domain.ResourceDefinition;
import io.gatehouse.controlplane.domain.TeamDefinition;

import java.util.List;
import java.util.Optional;

/** The kinds of objects the admin API edits, with who may change them. */
public final class PolicyObjectKinds {

    private PolicyObjectKinds() {
    }

    /** Admins any; owners those of the teams they own (before and after the change). */
    public static final PolicyObjectKind<IdentityDefinition> IDENTITIES = new NamedKind<>("identity", "identities") {

        @Override
        public String key(IdentityDefinition identity) {
            return identity.name();
        }

        @Override
        public List<IdentityDefinition> all(PolicyModel model) {
            return model.identities();
        }

        @Override
        public ObjectNode toEntry(IdentityDefinition identity) {
            return DeclarativeConfigWriter.identity(identity);
        }

        @Override
        public void checkChange(AdminCaller caller, Optional<IdentityDefinition> before,
                                Optional<IdentityDefinition> after, PolicyModel model) {
            before.ifPresent(identity -> TeamAccess.requireManages(caller, "change identity " + identity.name(), identity.ownerTeam()));
            after.ifPresent(identity -> TeamAccess.requireManages(caller, "give identity " + identity.name() + " to a team",
                    identity.ownerTeam()));
            boolean revival = before.map(identity -> identity.status() == IdentityStatus.REVOKED).orElse(false)
                    && after.map(identity -> identity.status() != IdentityStatus.REVOKED).orElse(false);
            if (revival && !caller.isAdmin()) {
                throw NotPermittedException.roleMissing(caller, "bring back the revoked identity "
                        + before.get().name(), AdminRole.ADMIN);
            }
        }

        @Override
        public List<String> dependents(IdentityDefinition identity, PolicyModel model) {
            return model.grants().stream().filter(grant -> grant.identity().equals(identity.name()))
                    .map(PolicyObjectKinds::describe).toList();
        }

        @Override
        public void store(PolicyModelWriter writer, Optional<IdentityDefinition> before, Optional<IdentityDefinition> after) {
            after.ifPresentOrElse(writer::upsertIdentity, () -> writer.deleteIdentity(before.orElseThrow().name()));
        }

        @Override
        public AuditSubject subject(IdentityDefinition identity) {
            return new AuditSubject(identity.name(), null);
        }
    };

    /** Upstream APIs and their credentials: admins only. */
    public static final PolicyObjectKind<ResourceDefinition> RESOURCES = new NamedKind<>("resource", "resources") {

        @Override
        public String key(ResourceDefinition resource) {
            return resource.name();
        }

        @Override
        public List<ResourceDefinition> all(PolicyModel model) {
            return model.resources();
        }

        @Override
        public ObjectNode toEntry(ResourceDefinition resource) {
            return DeclarativeConfigWriter.resource(resource);
        }

        @Override
        public void checkChange(AdminCaller caller, Optional<ResourceDefinition> before,
                                Optional<ResourceDefinition> after, PolicyModel model) {
            if (!caller.isAdmin()) {
                throw NotPermittedException.roleMissing(caller, "change resources", AdminRole.ADMIN);
            }
        }

        @Override
        public List<String> dependents(ResourceDefinition resource, PolicyModel model) {
            return model.grants().stream().filter(grant -> grant.resource().equals(resource.name()))
                    .map(PolicyObjectKinds::describe).toList();
        }

        @Override
        public void store(PolicyModelWriter writer, Optional<ResourceDefinition> before, Optional<ResourceDefinition> after) {
            after.ifPresentOrElse(writer::upsertResource, () -> writer.deleteResource(before.orElseThrow().name()));
        }

        @Override
        public AuditSubject subject(ResourceDefinition resource) {
            return new AuditSubject(null, resource.name());
        }
    };

    /** Admins any; owners the grants of their teams' identities. */
    public static final PolicyObjectKind<GrantDefinition> GRANTS = new PolicyObjectKind<>() {

        @Override
        public String label() {
            return "grant";
        }

        @Override
        public String section() {
            return "grants";
        }

        @Override
        public String key(GrantDefinition grant) {
            return grant.id();
        }

        @Override
        public List<GrantDefinition> all(PolicyModel model) {
            return model.grants();
        }

        @Override
        public ObjectNode toEntry(GrantDefinition grant) {
            return DeclarativeConfigWriter.grant(grant);
        }

        @Override
        public Optional<String> adoptKey(ObjectNode entry, String key) {
            return Optional.empty();
        }

        @Override
        public void checkChange(AdminCaller caller, Optional<GrantDefinition> before, Optional<GrantDefinition> after,
                                PolicyModel model) {
            before.ifPresent(grant -> TeamAccess.requireManages(caller, "change grants of " + grant.identity(),
                    ownerTeam(grant, model)));
            after.ifPresent(grant -> TeamAccess.requireManages(caller, "grant access to " + grant.identity(),
                    ownerTeam(grant, model)));
        }

        @Override
        public List<String> dependents(GrantDefinition grant, PolicyModel model) {
            return List.of();
        }

        @Override
        public void store(PolicyModelWriter writer, Optional<GrantDefinition> before, Optional<GrantDefinition> after) {
            before.ifPresent(writer::deleteGrant);
            after.ifPresent(writer::addGrant);
        }

        @Override
        public AuditSubject subject(GrantDefinition grant) {
            return new AuditSubject(grant.identity(), grant.resource());
        }

        private String ownerTeam(GrantDefinition grant, PolicyModel model) {
            return model.identity(grant.identity()).map(IdentityDefinition::ownerTeam).orElse("");
        }
    };

    /**
     * Admins create and delete teams and set their owner groups; a team's owners may change its
     * contact and approver group.
     */
    public static final PolicyObjectKind<TeamDefinition> TEAMS = new NamedKind<>("team", "teams") {

        @Override
        public String key(TeamDefinition team) {
            return team.name();
        }

        @Override
        public List<TeamDefinition> all(PolicyModel model) {
            return model.teams();
        }

        @Override
        public ObjectNode toEntry(TeamDefinition team) {
            return DeclarativeConfigWriter.team(team);
        }

        @Override
        public void checkChange(AdminCaller caller, Optional<TeamDefinition> before, Optional<TeamDefinition> after,
                                PolicyModel model) {
            if (caller.isAdmin()) {
                return;
            }
            if (before.isEmpty() || after.isEmpty()) {
                throw NotPermittedException.roleMissing(caller, before.isEmpty() ? "create teams" : "delete teams",
                        AdminRole.ADMIN);
            }
            TeamAccess.requireManages(caller, "change team " + before.get().name(), before.get().name());
            if (!before.get().ownerGroups().equals(after.get().ownerGroups())) {
                throw NotPermittedException.roleMissing(caller, "change who owns team " + before.get().name(), AdminRole.ADMIN);
            }
        }

        @Override
        public List<String> dependents(TeamDefinition team, PolicyModel model) {
            return model.identities().stream().filter(identity -> identity.ownerTeam().equals(team.name()))
                    .map(identity -> "identity " + identity.name()).toList();
        }

        @Override
        public void store(PolicyModelWriter writer, Optional<TeamDefinition> before, Optional<TeamDefinition> after) {
            after.ifPresentOrElse(writer::upsertTeam, () -> writer.deleteTeam(before.orElseThrow().name()));
        }

        @Override
        public AuditSubject subject(TeamDefinition team) {
            return new AuditSubject(null, null);
        }
    };

    static String describe(GrantDefinition grant) {
        return "grant " + grant.id() + " (" + grant.identity() + " on " + grant.resource() + ": "
                + String.join(",", grant.methods()) + " " + String.join(",", grant.pathPatterns()) + ")";
    }

    /** Identities, resources and teams: keyed by their name, which the URL names too. */
    private abstract static class NamedKind<T> implements PolicyObjectKind<T> {

        private final String label;
        private final String section;

        NamedKind(String label, String section) {
            this.label = label;
            this.section = section;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public String section() {
            return section;
        }

        @Override
        public Optional<String> adoptKey(ObjectNode entry, String key) {
            if (!entry.has("name")) {
                entry.put("name", key);
                return Optional.empty();
            }
            String name = entry.get("name").asText();
            return name.equals(key) ? Optional.empty()
                    : Optional.of("is '" + name + "' but the URL names '" + key + "'; renaming is not supported:"
                    + " create the new " + label + " and delete the old one");
        }
    }
}
