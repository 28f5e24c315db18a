package io.gatehouse.controlplane.lifecycle;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.gatehouse.controlplane.model.IdentityEntity;
import io.gatehouse.controlplane.model.LifecycleActionEntity;
import io.gatehouse.controlplane.model.TeamEntity;
import io.gatehouse.controlplane.repository.IdentityRepository;
import io.gatehouse.controlplane.repository.TeamRepository;
import io.gatehouse.controlplane.service.PolicyChangeSignal;
import io.gatehouse.controlplane.service.PolicyWriteLock;
import io.gatehouse.controlplane.service.SnapshotPublisher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One pass of the identity lifecycle rules at a given instant, under the policy write lock (so replicas act once):
 * an active identity unused past its kind's threshold is suspended, a lifecycle suspension past the further period
 * becomes a revocation, an identity whose owner team is gone is flagged (and unflagged when the team is back), and
 * owners are warned ahead of a suspension. The changed state reaches the data planes with the snapshot published
 * after the commit (and on the other replicas through the policy change signal).
 */
@ApplicationScoped
public class IdentityLifecycleSweep {

    private final IdentityRepository identities;
    private final TeamRepository teams;
    private final UnusedIdentityRules rules;
    private final LifecycleActionLog actions;
    private final OwnerNotifications notifications;
    private final PolicyWriteLock lock;
    private final SnapshotPublisher publisher;
    private final Optional<Duration> warnBefore;

    public IdentityLifecycleSweep(IdentityRepository identities, TeamRepository teams, UnusedIdentityRules rules,
                                  LifecycleActionLog actions, OwnerNotifications notifications, PolicyWriteLock lock,
                                  SnapshotPublisher publisher, ControlPlaneConfig config) {
        this.identities = identities;
        this.teams = teams;
        this.rules = rules;
        this.actions = actions;
        this.notifications = notifications;
        this.lock = lock;
        this.publisher = publisher;
        this.warnBefore = config.lifecycle().notification().warnBefore();
    }

    /** Applies every rule as of {@code now}; returns the actions taken (ids and types). */
    public List<LifecycleActionEntity> sweep(Instant now) {
        List<LifecycleActionEntity> taken = QuarkusTransaction.requiringNew().call(() -> sweepLocked(now));
        if (!taken.isEmpty()) {
            publisher.refresh();
        }
        return taken;
    }

    private List<LifecycleActionEntity> sweepLocked(Instant now) {
        lock.acquire();
        Map<String, TeamEntity> teamsByName = teams.listAll().stream()
                .collect(Collectors.toMap(team -> team.name, Function.identity()));
        List<LifecycleActionEntity> taken = new ArrayList<>();
        for (IdentityEntity identity : identities.listAll()) {
            Optional<TeamEntity> team = Optional.ofNullable(teamsByName.get(identity.ownerTeam));
            revokeLongSuspended(identity, team, now).ifPresent(taken::add);
            suspendUnused(identity, team, now).ifPresent(taken::add);
            // without any team declared, owner teams are free-form names and nothing is an orphan
            if (!teamsByName.isEmpty()) {
                checkOwnerTeam(identity, team.isPresent(), now).ifPresent(taken::add);
            }
        }
        if (!taken.isEmpty()) {
            PolicyChangeSignal.announceInCurrentTransaction();
        }
        return taken;
    }

    private Optional<LifecycleActionEntity> suspendUnused(IdentityEntity identity, Optional<TeamEntity> team, Instant now) {
        if (identity.lifecycleStatus != null || identity.status != IdentityStatus.ACTIVE
                || !identity.expiresAt.isAfter(now)) {
            return Optional.empty();
        }
        Optional<Duration> threshold = rules.suspendUnusedAfter(identity.kind);
        if (threshold.isEmpty()) {
            return Optional.empty();
        }
        UnusedPeriod unused = UnusedPeriod.of(identity);
        Instant suspendAt = unused.start().plus(threshold.get());
        if (now.isBefore(suspendAt)) {
            warnAhead(identity, team, unused, suspendAt, now);
            return Optional.empty();
        }
        String reason = unused.describe(now) + " >= " + rules.suspendSetting(identity.kind) + " = " + threshold.get();
        identity.lifecycleStatus = IdentityStatus.SUSPENDED;
        identity.lifecycleSince = now;
        return Optional.of(notify(identity, team, actions.record(identity.name, LifecycleActionType.SUSPENDED, reason,
                "active", now), NotificationAudience.OWNER));
    }

    private Optional<LifecycleActionEntity> revokeLongSuspended(IdentityEntity identity, Optional<TeamEntity> team,
                                                                Instant now) {
        if (identity.lifecycleStatus != IdentityStatus.SUSPENDED || identity.status == IdentityStatus.REVOKED) {
            return Optional.empty();
        }
        Optional<Duration> further = rules.revokeSuspendedAfter(identity.kind);
        if (further.isEmpty() || now.isBefore(identity.lifecycleSince.plus(further.get()))) {
            return Optional.empty();
        }
        String reason = "suspended by the lifecycle since " + identity.lifecycleSince + " and not reactivated for "
                + Duration.between(identity.lifecycleSince, now).toDays() + " days >= "
                + rules.revokeSetting(identity.kind) + " = " + further.get();
        identity.lifecycleStatus = IdentityStatus.REVOKED;
        identity.lifecycleSince = now;
        return Optional.of(notify(identity, team, actions.record(identity.name, LifecycleActionType.REVOKED, reason,
                "suspended", now), NotificationAudience.OWNER));
    }

    private Optional<LifecycleActionEntity> checkOwnerTeam(IdentityEntity identity, boolean teamExists, Instant now) {
        if (teamExists && identity.orphanedSince != null) {
            identity.orphanedSince = null;
            identity.orphanAcceptedTeam = null;
            return Optional.of(actions.record(identity.name, LifecycleActionType.ORPHAN_FLAG_CLEARED,
                    "owner team '" + identity.ownerTeam + "' exists again", "flagged as orphan", now));
        }
        if (teamExists || identity.orphanedSince != null || identity.ownerTeam.equals(identity.orphanAcceptedTeam)) {
            return Optional.empty();
        }
        identity.orphanedSince = now;
        String reason = "owner team '" + identity.ownerTeam + "' does not exist (no team of that name is declared)";
        return Optional.of(notify(identity, Optional.empty(), actions.record(identity.name,
                LifecycleActionType.FLAGGED_ORPHAN, reason, "not flagged", now), NotificationAudience.ADMINS));
    }

    /** One warning per unused period, once the suspension is less than {@code warn-before} away. */
    private void warnAhead(IdentityEntity identity, Optional<TeamEntity> team, UnusedPeriod unused, Instant suspendAt,
                           Instant now) {
        if (warnBefore.isEmpty() || now.isBefore(suspendAt.minus(warnBefore.get()))
                || unused.start().equals(identity.suspensionWarnedFor)) {
            return;
        }
        identity.suspensionWarnedFor = unused.start();
        String reason = unused.describe(now) + "; it will be suspended at " + suspendAt + " unless it is used before";
        notifications.enqueue(NotificationAudience.OWNER, notice(identity, team, "suspension-warning", null, reason, now,
                "make any authenticated call as " + identity.name + " before " + suspendAt), now);
    }

    private LifecycleActionEntity notify(IdentityEntity identity, Optional<TeamEntity> team, LifecycleActionEntity action,
                                         NotificationAudience audience) {
        notifications.enqueue(audience, notice(identity, team, action.action.apiName(), action.id, action.reason,
                action.takenAt, LifecycleNotice.undoHint(action.id)), action.takenAt);
        return action;
    }

    static LifecycleNotice notice(IdentityEntity identity, Optional<TeamEntity> team, String action, Long actionId,
                                  String reason, Instant at, String undo) {
        return new LifecycleNotice(action, actionId, identity.name, identity.kind.declaredName(), identity.ownerTeam,
                identity.ownerContact, team.map(owner -> owner.contact).orElse(null), reason, at, undo);
    }
}
