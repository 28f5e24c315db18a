package io.gatehouse.approval.service;

import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.Approver;
import io.gatehouse.approval.model.Decision;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may decide on an approval. Approving and denying both need membership of the approval's
 * approver group (when it names one), and so does reviewing a break-glass call. Approving is also refused to the requesting identity itself
 * and, unless the request allows it, to members of the team that owns the identity.
 */
@ApplicationScoped
public class ApproverPolicy {

    /** @throws ApproverNotAllowedException with the reason when {@code approver} may not take {@code decision} */
    public void check(Approval approval, Approver approver, Decision decision) {
        requireGroupMember(approval, approver);
        if (decision != Decision.APPROVE) {
            return;
        }
        if (approver.name().equals(approval.identity())) {
            throw new ApproverNotAllowedException("the requesting identity cannot approve its own call");
        }
        String ownerTeam = approval.ownerTeam();
        if (ownerTeam != null && !ownerTeam.isBlank() && !approval.ownerTeamMayApprove()
                && approver.isMemberOf(ownerTeam)) {
            throw new ApproverNotAllowedException(
                    "members of the owning team '" + ownerTeam + "' cannot approve calls of its identities");
        }
    }

    /**
     * The review of a break-glass call needs a member of its approver group other than the identity itself.
     *
     * @throws ApproverNotAllowedException with the reason when {@code reviewer} may not review it
     */
    public void checkReviewer(Approval approval, Approver reviewer) {
        requireGroupMember(approval, reviewer);
        if (reviewer.name().equals(approval.identity())) {
            throw new ApproverNotAllowedException("the identity that broke the glass cannot review its own call");
        }
    }

    private static void requireGroupMember(Approval approval, Approver approver) {
        if (approver == null || approver.name() == null || approver.name().isBlank()) {
            throw new ApproverNotAllowedException("the approver is not known");
        }
        String group = approval.approverGroup();
        if (group != null && !group.isBlank() && !approver.isMemberOf(group)) {
            throw new ApproverNotAllowedException(
                    "'" + approver.name() + "' is not a member of the approver group '" + group + "'");
        }
    }
}
