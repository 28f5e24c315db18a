package io.gatehouse.controlplane.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What turns one policy model into another: objects added, changed and removed, each by kind and key. */
public record PolicyDiff(List<Change> changes) {

    public enum Action { ADDED, CHANGED, REMOVED }

    /** @param kind identity, resource or grant; @param key its name or grant id; @param summary for people */
    public record Change(Action action, String kind, String key, String summary) {
    }

    public PolicyDiff {
        changes = List.copyOf(changes);
    }

    public static PolicyDiff between(PolicyModel from, PolicyModel to) {
        List<Change> changes = new ArrayList<>();
        compare(changes, "identity", from.identities(), to.identities(), IdentityDefinition::name, identity -> identity.kind().declaredName()
                + " owned by " + identity.ownerTeam() + ", " + identity.status().declaredName() + " until " + identity.expiresAt());
        compare(changes, "resource", from.resources(), to.resources(), ResourceDefinition::name,
                resource -> resource.pathPrefix() + " -> " + resource.upstreamUrl()
                        + (resource.recording().isDefault() ? "" : ", recording " + resource.recording().level().declaredName())
                        + (resource.identityAssertion() == null ? "" : ", identity assertion for " + resource.identityAssertion().audience()));
        compare(changes, "grant", from.grants(), to.grants(), GrantDefinition::id, grant -> grant.identity() + " on "
                + grant.resource() + ": " + String.join(",", grant.methods()) + " " + String.join(",", grant.pathPatterns())
                + (grant.approval() == null ? "" : " (approval by " + to.approverGroupOf(grant)
                .or(() -> from.approverGroupOf(grant)).orElse("the team's approver group") + ")"));
        compare(changes, "team", from.teams(), to.teams(), TeamDefinition::name, team -> "owners "
                + (team.ownerGroups().isEmpty() ? "by team group only" : String.join(",", team.ownerGroups()))
                + (team.approverGroup() == null ? "" : ", approvals by " + team.approverGroup()));
        return new PolicyDiff(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public long count(Action action) {
        return changes.stream().filter(change -> change.action() == action).count();
    }

    private static <T> void compare(List<Change> changes, String kind, List<T> from, List<T> to, Function<T, String> key,
                                    Function<T, String> summary) {
        Map<String, T> before = from.stream().collect(Collectors.toMap(key, Function.identity()));
        Map<String, T> after = to.stream().collect(Collectors.toMap(key, Function.identity()));
        List<Change> found = new ArrayList<>();
        after.forEach((name, object) -> {
            T old = before.get(name);
            if (old == null) {
                found.add(new Change(Action.ADDED, kind, name, summary.apply(object)));
            } else if (!Objects.equals(old, object)) {
                found.add(new Change(Action.CHANGED, kind, name, summary.apply(object)));
            }
        });
        before.forEach((name, object) -> {
            if (!after.containsKey(name)) {
                found.add(new Change(Action.REMOVED, kind, name, summary.apply(object)));
            }
        });
        found.sort(Comparator.comparing(Change::key).thenComparing(Change::action));
        changes.addAll(found);
    }
}
