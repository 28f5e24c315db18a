package io.gatehouse.approval.service;

import io.gatehouse.approval.config.ApprovalConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Expires pending approvals whose window has passed even when nobody looks at them, so that every
 * expiry is recorded (history, audit trail) close to when it happened.
 */
@ApplicationScoped
public class ApprovalExpirySweeper {

    private static final Logger LOG = Logger.getLogger(ApprovalExpirySweeper.class);

    private final ApprovalExpiry expiry;
    private final ApprovalClock clock;
    private final ApprovalConfig config;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "approval-expiry-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    public ApprovalExpirySweeper(ApprovalExpiry expiry, ApprovalClock clock, ApprovalConfig config) {
        this.expiry = expiry;
        this.clock = clock;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        long interval = config.expirySweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        sweeper.shutdownNow();
    }

    private void sweep() {
        try {
            expiry.expireAllDue(clock.now());
        } catch (RuntimeException e) {
            LOG.warnf("Could not expire overdue approvals (will retry): %s", e.getClass().getSimpleName());
        }
    }
}
