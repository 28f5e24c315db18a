package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.PolicySnapshot;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds the snapshot when time changes its content: at the next expiry of an identity or grant (so
 * an expired identity reaches the data planes as EXPIRED within one push), and periodically as a backstop.
 */
@ApplicationScoped
public class SnapshotRefreshScheduler {

    private static final Logger LOG = Logger.getLogger(SnapshotRefreshScheduler.class);

    private final SnapshotPublisher publisher;
    private final ControlPlaneConfig config;
    private final Clock clock;
    private ScheduledExecutorService executor;
    private ScheduledFuture<?> atNextExpiry;

    public SnapshotRefreshScheduler(SnapshotPublisher publisher, ControlPlaneConfig config, Clock clock) {
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        long intervalMs = config.snapshotRefreshInterval().toMillis();
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "snapshot-refresh");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::refresh, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        publisher.publications().subscribe().with(this::scheduleAtNextExpiry);
        publisher.currentIfBuilt().ifPresent(this::scheduleAtNextExpiry);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** One refresh just after the earliest future expiry in {@code snapshot}, replacing the one planned before. */
    private synchronized void scheduleAtNextExpiry(PolicySnapshot snapshot) {
        if (atNextExpiry != null) {
            atNextExpiry.cancel(false);
        }
        atNextExpiry = NextExpiry.after(snapshot.content(), clock.instant())
                .map(expiry -> executor.schedule(this::refreshAtExpiry,
                        Math.max(0, Duration.between(clock.instant(), expiry).toMillis()) + 1, TimeUnit.MILLISECONDS))
                .orElse(null);
    }

    /** A grant's expiry leaves the content as it is (data planes check grant expiry themselves): plan the next one. */
    private void refreshAtExpiry() {
        refresh();
        publisher.currentIfBuilt().ifPresent(this::scheduleAtNextExpiry);
    }

    private void refresh() {
        try {
            publisher.refresh();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Periodic snapshot refresh failed; data planes keep the current snapshot");
        }
    }
}
