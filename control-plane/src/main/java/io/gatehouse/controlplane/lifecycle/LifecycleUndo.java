package io.gatehouse.controlplane.lifecycle;

import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.gatehouse.controlplane.model.ClientSecretEntity;
import io.gatehouse.controlplane.model.IdentityEntity;
import io.gatehouse.controlplane.model.LifecycleActionEntity;
import io.gatehouse.controlplane.repository.ClientSecretRepository;
import io.gatehouse.controlplane.repository.IdentityRepository;
import io.gatehouse.controlplane.repository.LifecycleActionRepository;
import io.gatehouse.controlplane.service.PolicyChangeLog;
import io.gatehouse.controlplane.service.PolicyChangeSignal;
import io.gatehouse.controlplane.service.PolicyConflictException;
import io.gatehouse.controlplane.service.PolicyObjectKind;
import io.gatehouse.controlplane.service.PolicyObjectNotFoundException;
import io.gatehouse.controlplane.service.PolicyWriteLock;
import io.gatehouse.controlplane.service.SnapshotPublisher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * An admin reverses an automatic action: the previous state comes back and the unused period starts again at the
 * undo, so the next sweep does not take the same action at once. Undoing a suspension that was followed by a
 * revocation undoes both; undoing only the revocation leaves the identity suspended (with a fresh further period).
 */
@ApplicationScoped
public class LifecycleUndo {

    private final LifecycleActionRepository actions;
    private final IdentityRepository identities;
    private final ClientSecretRepository secrets;
    private final PolicyWriteLock lock;
    private final PolicyChangeLog changeLog;
    private final SnapshotPublisher publisher;

    public LifecycleUndo(LifecycleActionRepository actions, IdentityRepository identities, ClientSecretRepository secrets,
                         PolicyWriteLock lock, PolicyChangeLog changeLog, SnapshotPublisher publisher) {
        this.actions = actions;
        this.identities = identities;
        this.secrets = secrets;
        this.lock = lock;
        this.changeLog = changeLog;
        this.publisher = publisher;
    }

    public LifecycleActionEntity undo(long actionId, AdminCaller caller, String reason, Instant now) {
        LifecycleActionEntity undone = QuarkusTransaction.requiringNew().call(() -> undoLocked(actionId, caller, reason, now));
        publisher.refresh();
        return undone;
    }

    private LifecycleActionEntity undoLocked(long actionId, AdminCaller caller, String reason, Instant now) {
        lock.acquire();
        LifecycleActionEntity action = actions.findByIdOptional(actionId)
                .orElseThrow(() -> new PolicyObjectNotFoundException("lifecycle action", Long.toString(actionId)));
        if (!action.action.undoable()) {
            throw new PolicyConflictException("lifecycle action " + actionId + " (" + action.action.apiName()
                    + ") only records what happened; there is nothing to undo");
        }
        if (action.undoneAt != null) {
            throw new PolicyConflictException("lifecycle action " + actionId + " was already undone at " + action.undoneAt
                    + " by " + action.undoneBy);
        }
        switch (action.action) {
            case CLIENT_SECRET_REVOKED -> restoreSecret(action);
            case SUSPENDED -> liftSuspension(identityOf(action), action, caller, reason, now);
            case REVOKED -> backToSuspended(identityOf(action), action, now);
            case FLAGGED_ORPHAN -> acceptOrphan(identityOf(action), action);
            default -> throw new IllegalStateException("unhandled undoable action " + action.action);
        }
        markUndone(action, caller, reason, now);
        PolicyChangeSignal.announceInCurrentTransaction();
        return action;
    }

    private void liftSuspension(IdentityEntity identity, LifecycleActionEntity action, AdminCaller caller, String reason,
                                Instant now) {
        if (identity.lifecycleStatus == null) {
            throw stale(action, "identity " + identity.name + " is no longer held by the lifecycle");
        }
        if (identity.lifecycleStatus == IdentityStatus.REVOKED) {
            actions.openRevocation(identity.name).ifPresent(revocation -> markUndone(revocation, caller,
                    reason + " (with the suspension it followed, lifecycle action " + action.id + ")", now));
        }
        identity.lifecycleStatus = null;
        identity.lifecycleSince = null;
        identity.lifecycleResetAt = now;
    }

    private void backToSuspended(IdentityEntity identity, LifecycleActionEntity action, Instant now) {
        if (identity.lifecycleStatus != IdentityStatus.REVOKED) {
            throw stale(action, "identity " + identity.name + " is not revoked by the lifecycle");
        }
        identity.lifecycleStatus = IdentityStatus.SUSPENDED;
        identity.lifecycleSince = now;
        identity.lifecycleResetAt = now;
    }

    private void acceptOrphan(IdentityEntity identity, LifecycleActionEntity action) {
        if (identity.orphanedSince == null) {
            throw stale(action, "identity " + identity.name + " is not flagged as an orphan any more");
        }
        identity.orphanedSince = null;
        identity.orphanAcceptedTeam = identity.ownerTeam;
    }

    private void restoreSecret(LifecycleActionEntity action) {
        ClientSecretEntity secret = secrets.bySecretId(action.clientSecret)
                .orElseThrow(() -> stale(action, "client secret " + action.clientSecret + " was deleted"));
        if (secret.revokedAt == null || !secret.revokedAt.equals(action.takenAt)) {
            throw stale(action, "client secret " + action.clientSecret + " changed since (revoked again or restored)");
        }
        secret.revokedAt = null;
        secret.revokedReason = null;
    }

    private void markUndone(LifecycleActionEntity action, AdminCaller caller, String reason, Instant now) {
        action.undoneAt = now;
        action.undoneBy = caller.name();
        action.undoReason = reason;
        changeLog.record(caller, "lifecycle-action", "undone", new PolicyObjectKind.AuditSubject(action.identity, null),
                "lifecycle action " + action.id + " (" + action.action.apiName() + ") undone, " + action.previousState
                        + " restored: " + reason);
    }

    private IdentityEntity identityOf(LifecycleActionEntity action) {
        return identities.findByName(action.identity)
                .orElseThrow(() -> stale(action, "identity " + action.identity + " was deleted"));
    }

    private static PolicyConflictException stale(LifecycleActionEntity action, String why) {
        return new PolicyConflictException("lifecycle action " + action.id + " (" + action.action.apiName()
                + ") cannot be undone: " + why);
    }
}
