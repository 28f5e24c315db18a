package io.gatehouse.controlplane.domain;

import java.time.Duration;
import java.util.Objects;

/** At most {@code requests} calls per {@code per}, with bursts of up to {@code burst} calls. */
public record RateLimit(int requests, Duration per, int burst) {

    public RateLimit {
        Objects.requireNonNull(per, "per");
        if (requests < 1 || burst < 1 || per.isZero() || per.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs positive requests, period and burst");
        }
    }
}
