package io.gatehouse.controlplane.domain;

import java.time.Instant;
import java.time.LocalDate;

/** One UTC day's calls of one identity to one operation, as counted when their audit events were stored. */
public record UsageCounter(LocalDate day, OperationKey operation, long calls, long allowed, long denied,
                           long heldForApproval, long approved, long maskedValues, Instant firstSeen, Instant lastSeen) {
}
