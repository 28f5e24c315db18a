package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds the snapshot periodically, so that time-dependent content (an identity passing its
 * expiry becomes EXPIRED) reaches the data planes without an apply.
 */
@ApplicationScoped
public class SnapshotRefreshScheduler {

    private static final Logger LOG = Logger.getLogger(SnapshotRefreshScheduler.class);

    private final SnapshotPublisher publisher;
    private final ControlPlaneConfig config;
    private ScheduledExecutorService executor;

    public SnapshotRefreshScheduler(SnapshotPublisher publisher, ControlPlaneConfig config) {
        this.publisher = publisher;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        long intervalMs = config.snapshotRefreshInterval().toMillis();
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "snapshot-refresh");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::refresh, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void refresh() {
        try {
            publisher.refresh();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Periodic snapshot refresh failed; data planes keep the current snapshot");
        }
    }
}
