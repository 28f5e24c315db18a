package io.gatehouse.controlplane.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * A grant whose calls are held until {@code quorum} members of {@code approverGroup} approve.
 *
 * @param approverGroup        {@code null}: the default approver group of the team owning the identity
 * @param holdTime             how long a data plane holds a call for a decision before answering 202;
 *                             {@code null} for the data plane's default
 * @param validity             how long an approval stays open to be decided and used; {@code null} for the
 *                             data plane's default
 * @param ownerTeamMayApprove  members of the identity's owning team may approve its calls
 * @param breakGlass           a caller may pass at once, with a mandatory review after the fact
 */
public record ApprovalRequirement(String approverGroup, int quorum, Duration holdTime, Duration validity,
                                  boolean ownerTeamMayApprove, boolean breakGlass) {

    public ApprovalRequirement {
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be at least 1");
        }
        requirePositive(holdTime, "holdTime");
        requirePositive(validity, "validity");
    }

    /** Quorum of one group, with every other setting at its default. */
    public ApprovalRequirement(String approverGroup, int quorum) {
        this(approverGroup, quorum, null, null, false, false);
    }

    public Optional<Duration> hold() {
        return Optional.ofNullable(holdTime);
    }

    public Optional<Duration> validityWindow() {
        return Optional.ofNullable(validity);
    }

    public ApprovalRequirement withApproverGroup(String group) {
        return new ApprovalRequirement(group, quorum, holdTime, validity, ownerTeamMayApprove, breakGlass);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
