package io.gatehouse.approval.service;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time approvals are judged by. Truncated to microseconds, the precision PostgreSQL stores, so
 * that an instant handed out equals the one read back.
 */
@Singleton
public class ApprovalClock {

    private final Clock clock = Clock.systemUTC();

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
