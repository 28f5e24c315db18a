package io.gatehouse.controlplane.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The whole UTC days usage evidence covers: from {@code fromDay} through {@code toDay}. */
public record UsageWindow(LocalDate fromDay, LocalDate toDay) {

    /** The window when none is asked for. */
    public static final Duration DEFAULT = Duration.ofDays(30);
    /** The longest window: counters are kept per day, so this bounds the rows one request reads. */
    public static final Duration LONGEST = Duration.ofDays(731);

    /**
     * The days that hold {@code [since, until)}.
     *
     * @param since null for {@link #DEFAULT} before {@code until}
     * @param until null for {@code now}
     * @throws IllegalArgumentException if the window is empty, reversed or longer than {@link #LONGEST}
     */
    public static UsageWindow of(Instant since, Instant until, Instant now) {
        Instant end = until == null ? now : until;
        Instant start = since == null ? end.minus(DEFAULT) : since;
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("since (" + start + ") must be before until (" + end + ")");
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("the window may span at most " + LONGEST.toDays() + " days");
        }
        return new UsageWindow(LocalDate.ofInstant(start, ZoneOffset.UTC), LocalDate.ofInstant(end.minusNanos(1), ZoneOffset.UTC));
    }

    public Instant start() {
        return fromDay.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** Exclusive: the start of the day after {@code toDay}. */
    public Instant end() {
        return toDay.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
