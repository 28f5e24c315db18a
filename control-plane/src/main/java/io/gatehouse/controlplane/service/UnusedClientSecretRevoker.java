package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.ClientSecretInfo;
import io.gatehouse.controlplane.lifecycle.LifecycleActionLog;
import io.gatehouse.controlplane.lifecycle.LifecycleNotice;
import io.gatehouse.controlplane.lifecycle.NotificationAudience;
import io.gatehouse.controlplane.lifecycle.OwnerNotifications;
import io.gatehouse.controlplane.model.LifecycleActionEntity;
import io.gatehouse.controlplane.model.ClientSecretEntity;
import io.gatehouse.controlplane.repository.ClientSecretRepository;
import io.gatehouse.controlplane.repository.LifecycleActionRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Revokes gateway client secrets nobody used for {@code gatehouse.control-plane.tokens.revoke-unused-after}
 * (counted from their creation when never used): a forgotten static key is the ghost credential access
 * reviews hunt for. Each revocation is a lifecycle action (audited with its reason, by the actor {@value #ACTOR},
 * the owner notified) that an admin can undo; an undone revocation counts the unused period from the undo.
 * Replicas take the policy write lock, so a secret is revoked (and audited) once.
 */
@ApplicationScoped
public class UnusedClientSecretRevoker {

    public static final String ACTOR = LifecycleActionLog.ACTOR;
    private static final Logger LOG = Logger.getLogger(UnusedClientSecretRevoker.class);

    private final ClientSecretRepository secrets;
    private final LifecycleActionRepository pastActions;
    private final PolicyWriteLock lock;
    private final LifecycleActionLog actions;
    private final OwnerNotifications notifications;
    private final Clock clock;
    private final Duration unusedFor;
    private final Duration sweepInterval;
    private PeriodicJob sweeps;

    public UnusedClientSecretRevoker(ClientSecretRepository secrets, LifecycleActionRepository pastActions,
                                     PolicyWriteLock lock, LifecycleActionLog actions, OwnerNotifications notifications,
                                     Clock clock, ControlPlaneConfig config) {
        this.secrets = secrets;
        this.pastActions = pastActions;
        this.lock = lock;
        this.actions = actions;
        this.notifications = notifications;
        this.clock = clock;
        this.unusedFor = config.tokens().revokeUnusedAfter();
        this.sweepInterval = config.tokens().unusedSecretSweepInterval();
    }

    void onStart(@Observes StartupEvent event) {
        sweeps = PeriodicJob.start("unused-client-secrets", sweepInterval, "Looking for unused client secrets", LOG,
                this::sweep);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (sweeps != null) {
            sweeps.close();
        }
    }

    /** Revokes every active secret unused since before {@code now - revoke-unused-after}; returns them. */
    @Transactional
    public List<ClientSecretInfo> revokeUnused(Instant now) {
        lock.acquire();
        Instant cutoff = now.minus(unusedFor);
        List<ClientSecretInfo> revoked = new ArrayList<>();
        for (ClientSecretEntity secret : secrets.unusedSince(cutoff)) {
            if (undoneSince(secret, cutoff)) {
                continue;
            }
            Instant lastSign = secret.lastUsedAt != null ? secret.lastUsedAt : secret.createdAt;
            secret.revokedAt = now;
            secret.revokedReason = (secret.lastUsedAt == null ? "never used since it was created " : "unused since ")
                    + lastSign + " (gatehouse.control-plane.tokens.revoke-unused-after = " + unusedFor + ")";
            LifecycleActionEntity action = actions.recordSecretRevocation(secret.identity.name, secret.secretId,
                    secret.revokedReason, now);
            notifications.enqueue(NotificationAudience.OWNER, new LifecycleNotice(action.action.apiName(), action.id,
                    secret.identity.name, secret.identity.kind.declaredName(), secret.identity.ownerTeam,
                    secret.identity.ownerContact, null, "client secret " + secret.secretId + ": " + secret.revokedReason,
                    now, LifecycleNotice.undoHint(action.id)), now);
            revoked.add(ClientSecretService.info(secret));
        }
        return revoked;
    }

    /** An admin undid a revocation of this secret after {@code cutoff}: its fresh unused period is not over. */
    private boolean undoneSince(ClientSecretEntity secret, Instant cutoff) {
        return pastActions.lastUndoneSecretRevocation(secret.secretId)
                .map(action -> action.undoneAt.isAfter(cutoff)).orElse(false);
    }

    private void sweep() {
        List<ClientSecretInfo> revoked = revokeUnused(clock.instant());
        if (!revoked.isEmpty()) {
            LOG.infof("Revoked %d unused client secret(s): %s", revoked.size(),
                    revoked.stream().map(info -> info.identity() + "/" + info.secretId()).toList());
        }
    }
}
