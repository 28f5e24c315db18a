package io.gatehouse.dataplane.retry;

import java.time.Duration;

/** Exponential backoff between reconnection attempts: doubles from {@code min} up to {@code max}; reset on success. */
public final class Backoff {

    private final Duration min;
    private final Duration max;
    private Duration next;

    public Backoff(Duration min, Duration max) {
        this.min = min;
        this.max = max;
        this.next = min;
    }

    /** The wait before the next attempt; the one after is twice as long, at most {@code max}. */
    public synchronized Duration next() {
        Duration wait = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return wait;
    }

    public synchronized void reset() {
        next = min;
    }
}
