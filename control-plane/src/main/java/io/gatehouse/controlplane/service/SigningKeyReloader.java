package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.security.SigningKeyLifecycle;
import io.gatehouse.controlplane.security.SigningKeys;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every reload interval, on every replica: applies the key transitions that are due (one replica at a time, under
 * the key set's lock), re-reads the key set and, when what is published or who signs snapshots changed,
 * republishes the snapshot so that data planes get the new key set.
 */
@ApplicationScoped
public class SigningKeyReloader {

    private static final Logger LOG = Logger.getLogger(SigningKeyReloader.class);

    private final SigningKeyLifecycle lifecycle;
    private final SigningKeys keys;
    private final SnapshotPublisher publisher;
    private final ControlPlaneConfig.KeyRotation rotation;
    private final Clock clock;
    private ScheduledExecutorService executor;

    public SigningKeyReloader(SigningKeyLifecycle lifecycle, SigningKeys keys, SnapshotPublisher publisher,
                              ControlPlaneConfig config, Clock clock) {
        this.lifecycle = lifecycle;
        this.keys = keys;
        this.publisher = publisher;
        this.rotation = config.keyRotation();
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        long intervalMs = rotation.reloadInterval().toMillis();
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "signing-key-reload");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::tick, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void tick() {
        try {
            lifecycle.advance(clock.instant());
            reloadAndPublish();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Signing key reload failed; this replica keeps signing with key %s", keys.current().kid());
        }
    }

    /** Re-reads the key set and republishes the snapshot if the data planes must learn of a change. */
    public void reloadAndPublish() {
        if (keys.reload()) {
            LOG.infof("signing key set changed: %s", keys.fingerprint());
            publisher.refresh();
        }
    }
}
