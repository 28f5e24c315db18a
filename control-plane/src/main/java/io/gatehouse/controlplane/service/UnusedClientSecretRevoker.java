package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.AdminRole;
import io.gatehouse.controlplane.domain.ClientSecretInfo;
import io.gatehouse.controlplane.model.ClientSecretEntity;
import io.gatehouse.controlplane.repository.ClientSecretRepository;
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
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Revokes gateway client secrets nobody used for {@code gatehouse.control-plane.tokens.revoke-unused-after}
 * (counted from their creation when never used): a forgotten static key is the ghost credential access
 * reviews hunt for. Each revocation is audited with its reason, by the actor {@value #ACTOR}; an admin
 * creates a new secret if the automation turns out to be alive. Replicas take the policy write lock, so
 * a secret is revoked (and audited) once.
 */
@ApplicationScoped
public class UnusedClientSecretRevoker {

    public static final String ACTOR = "gatehouse-lifecycle";
    private static final Logger LOG = Logger.getLogger(UnusedClientSecretRevoker.class);
    private static final AdminCaller LIFECYCLE = new AdminCaller(ACTOR, Set.of(AdminRole.ADMIN), Set.of());

    private final ClientSecretRepository secrets;
    private final PolicyWriteLock lock;
    private final PolicyChangeLog changeLog;
    private final Clock clock;
    private final Duration unusedFor;
    private final Duration sweepInterval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "unused-client-secrets");
        thread.setDaemon(true);
        return thread;
    });

    public UnusedClientSecretRevoker(ClientSecretRepository secrets, PolicyWriteLock lock, PolicyChangeLog changeLog,
                                     Clock clock, ControlPlaneConfig config) {
        this.secrets = secrets;
        this.lock = lock;
        this.changeLog = changeLog;
        this.clock = clock;
        this.unusedFor = config.tokens().revokeUnusedAfter();
        this.sweepInterval = config.tokens().unusedSecretSweepInterval();
    }

    void onStart(@Observes StartupEvent event) {
        scheduler.scheduleWithFixedDelay(this::sweepQuietly, sweepInterval.toMillis(), sweepInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        scheduler.shutdownNow();
    }

    /** Revokes every active secret unused since before {@code now - revoke-unused-after}; returns them. */
    @Transactional
    public List<ClientSecretInfo> revokeUnused(Instant now) {
        lock.acquire();
        Instant cutoff = now.minus(unusedFor);
        List<ClientSecretInfo> revoked = new ArrayList<>();
        for (ClientSecretEntity secret : secrets.unusedSince(cutoff)) {
            Instant lastSign = secret.lastUsedAt != null ? secret.lastUsedAt : secret.createdAt;
            secret.revokedAt = now;
            secret.revokedReason = (secret.lastUsedAt == null ? "never used since it was created " : "unused since ")
                    + lastSign + " (gatehouse.control-plane.tokens.revoke-unused-after = " + unusedFor + ")";
            changeLog.record(LIFECYCLE, "client-secret", "revoked",
                    new PolicyObjectKind.AuditSubject(secret.identity.name, null),
                    "client secret " + secret.secretId + ": " + secret.revokedReason);
            revoked.add(ClientSecretService.info(secret));
        }
        return revoked;
    }

    private void sweepQuietly() {
        try {
            List<ClientSecretInfo> revoked = revokeUnused(clock.instant());
            if (!revoked.isEmpty()) {
                LOG.infof("Revoked %d unused client secret(s): %s", revoked.size(),
                        revoked.stream().map(info -> info.identity() + "/" + info.secretId()).toList());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Looking for unused client secrets failed; retrying in %s", sweepInterval);
        }
    }
}
