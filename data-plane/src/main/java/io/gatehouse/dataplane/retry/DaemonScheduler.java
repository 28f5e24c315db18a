package io.gatehouse.dataplane.retry;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A single-thread scheduler on a named daemon thread, for background loops that must not keep the JVM alive. */
public final class DaemonScheduler {

    private DaemonScheduler() {
    }

    public static ScheduledExecutorService named(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }
}
