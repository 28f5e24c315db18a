package io.gatehouse.controlplane.lifecycle;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.service.PeriodicJob;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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
    private final List<PeriodicJob> jobs = new ArrayList<>();

    public LifecycleScheduler(IdentityLifecycleSweep sweep, NotificationSender sender, ControlPlaneConfig config,
                              Clock clock) {
        this.sweep = sweep;
        this.sender = sender;
        this.config = config.lifecycle();
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            jobs.add(PeriodicJob.start("identity-lifecycle", config.sweepInterval(), "Identity lifecycle sweep", LOG,
                    this::sweepNow));
        }
        jobs.add(PeriodicJob.start("lifecycle-notifications", config.notification().interval(),
                "Sending lifecycle notifications", LOG, () -> sender.deliverDue(clock.instant())));
    }

    void onStop(@Observes ShutdownEvent event) {
        jobs.forEach(PeriodicJob::close);
    }

    private void sweepNow() {
        int taken = sweep.sweep(clock.instant()).size();
        if (taken > 0) {
            LOG.infof("Identity lifecycle took %d action(s); see GET /api/v1/lifecycle/actions", taken);
        }
    }
}
