package io.gatehouse.controlplane.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One monthly partition of the audit store: the events whose event time falls in {@code month} (UTC). */
public record AuditPartition(YearMonth month) {

    private static final Pattern NAME = Pattern.compile("audit_event_(\\d{4})_(\\d{2})");

    /** The partition a table name denotes, if it is one (the default partition is not). */
    public static Optional<AuditPartition> ofName(String table) {
        Matcher matcher = NAME.matcher(table);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new AuditPartition(YearMonth.of(Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2)))));
    }

    public static AuditPartition containing(Instant time) {
        return new AuditPartition(YearMonth.from(time.atOffset(ZoneOffset.UTC)));
    }

    public String name() {
        return String.format("audit_event_%04d_%02d", month.getYear(), month.getMonthValue());
    }

    public Instant from() {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** Exclusive. */
    public Instant to() {
        return month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public AuditPartition plusMonths(long months) {
        return new AuditPartition(month.plusMonths(months));
    }
}
