package io.gatehouse.dataplane.policy;

import java.time.Duration;

/**
 * How a grant's calls are approved.
 *
 * @param holdTime            how long a call is held for a decision before 202; {@code null}: the data plane's default
 * @param validity            how long an approval stays open to be decided and used; {@code null}: the default
 * @param ownerTeamMayApprove members of the identity's owning team may approve
 * @param breakGlass          a caller may pass at once (header X-Gatehouse-Break-Glass), reviewed after the fact
 */
public record ApprovalRule(String approverGroup, int quorum, Duration holdTime, Duration validity,
                           boolean ownerTeamMayApprove, boolean breakGlass) {

    /** Quorum of one group, every other setting at its default. */
    public ApprovalRule(String approverGroup, int quorum) {
        this(approverGroup, quorum, null, null, false, false);
    }
}
