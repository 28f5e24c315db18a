package io.gatehouse.controlplane.service;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A background job run every {@code interval} (first after one interval) on its own daemon thread until closed.
 * A run that fails is logged with what it was doing and retried at the next interval; it never stops the job.
 */
public final class PeriodicJob implements AutoCloseable {

    private final ScheduledExecutorService scheduler;

    private PeriodicJob(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * @param name  the thread's name
     * @param doing what a run does, for the log line of a failed run (e.g. "Looking for unused client secrets")
     */
    public static PeriodicJob start(String name, Duration interval, String doing, Logger log, Runnable job) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.warnf(e, "%s failed; retrying in %s", doing, interval);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return new PeriodicJob(scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
