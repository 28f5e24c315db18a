package io.gatehouse.dataplane.policy;

import java.time.Duration;

/** At most {@code requests} calls per {@code per} with bursts of up to {@code burst}, on each data plane. */
public record RateLimit(int requests, Duration per, int burst) {

    /** Tokens the bucket regains per nanosecond. */
    public double refillPerNano() {
        return requests / (double) per.toNanos();
    }
}
