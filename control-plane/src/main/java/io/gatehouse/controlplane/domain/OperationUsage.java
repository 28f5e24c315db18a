package io.gatehouse.controlplane.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * How one identity used one operation in a window.
 *
 * @param granted         a current grant of the identity names this operation
 * @param heldForApproval calls answered while waiting for a human's decision
 * @param approved        calls that passed after a human approved them
 * @param maskedValues    values masked in the answers (how many, never which)
 * @param daily           per UTC day with calls, oldest first
 */
public record OperationUsage(OperationKey operation, boolean granted, long calls, long allowed, long denied,
                             long heldForApproval, long approved, long maskedValues, Instant firstSeen,
                             Instant lastSeen, List<Day> daily) {

    public OperationUsage {
        daily = List.copyOf(daily);
    }

    /** One UTC day's calls of the operation. */
    public record Day(LocalDate day, long calls, long allowed, long denied) {
    }
}
