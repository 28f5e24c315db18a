package io.gatehouse.it.support;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waits for a condition, checked every {@value #POLL_MILLIS} ms up to a limit; never a fixed pause. */
public final class Await {

    private static final long POLL_MILLIS = 100;

    private Await() {
    }

    /**
     * Checks {@code condition} until it holds and answers how long that took; fails after {@code limit} naming
     * {@code what} and the last state {@code describe} gives.
     */
    public static Duration until(String what, Duration limit, Supplier<Boolean> condition, Supplier<String> describe) {
        Instant start = Instant.now();
        Instant deadline = start.plus(limit);
        while (true) {
            boolean met;
            RuntimeException failure = null;
            try {
                met = condition.get();
            } catch (RuntimeException | AssertionError e) {
                met = false;
                failure = e instanceof RuntimeException runtime ? runtime : new RuntimeException(e);
            }
            if (met) {
                return Duration.between(start, Instant.now());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + limit.toMillis() + " ms for " + what + "; last seen: " + describe.get()
                        + (failure == null ? "" : " (" + failure + ")"));
            }
            LockSupport.parkNanos(Duration.ofMillis(POLL_MILLIS).toNanos());
        }
    }
}
