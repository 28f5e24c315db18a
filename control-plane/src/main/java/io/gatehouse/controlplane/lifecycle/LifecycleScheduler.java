package io.gatehouse.controlplane.lifecycle;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the lifecycle sweep every {@code lifecycle.sweep-interval} (when {@code lifecycle.enabled}) and the
 * notification sender every {@code lifecycle.notify.interval} (always: the outbox may hold older notices).
 */
@ApplicationScoped
public class LifecycleScheduler {

    private static final Logger LOG = Logger.getLogger(LifecycleScheduler.class);

    private final IdentityLifecycleSweep sweep;
    private final NotificationSender sender;
    private final ControlPlaneConfig.Lifecycle config;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "identity-lifecycle");
        thread.setDaemon(true);
        return thread;
    });

    public LifecycleScheduler(IdentityLifecycleSweep sweep, NotificationSender sender, ControlPlaneConfig config,
                              Clock clock) {
        this.sweep = sweep;
        this.sender = sender;
        this.config = config.lifecycle();
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            every(config.sweepInterval(), this::sweepQuietly);
        }
        every(config.notification().interval(), this::sendQuietly);
    }

    void onStop(@Observes ShutdownEvent event) {
        scheduler.shutdownNow();
    }

    private void every(Duration interval, Runnable job) {
        scheduler.scheduleWithFixedDelay(job, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            int taken = sweep.sweep(clock.instant()).size();
            if (taken > 0) {
                LOG.infof("Identity lifecycle took %d action(s); see GET /api/v1/lifecycle/actions", taken);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Identity lifecycle sweep failed; retrying in %s", config.sweepInterval());
        }
    }

    private void sendQuietly() {
        try {
            sender.deliverDue(clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Sending lifecycle notifications failed; retrying in %s", config.notification().interval());
        }
    }
}
