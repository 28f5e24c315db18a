package io.gatehouse.approval.service;

import io.gatehouse.approval.config.ApprovalConfig;
import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalEntity;
import io.gatehouse.approval.model.ApprovalEventType;
import io.gatehouse.approval.model.ApprovalState;
import io.gatehouse.approval.model.Approver;
import io.gatehouse.approval.model.Decision;
import io.gatehouse.approval.repository.ApprovalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/** The after-the-fact reviews of break-glass calls: which are open, and closing one. */
@ApplicationScoped
public class BreakGlassReviews {

    private static final Logger LOG = Logger.getLogger(BreakGlassReviews.class);

    private final ApprovalRepository repository;
    private final ApproverPolicy policy;
    private final ApprovalHistory history;
    private final ApprovalClock clock;
    private final ApprovalConfig config;
    private final Event<ApprovalChanged> changes;

    public BreakGlassReviews(ApprovalRepository repository, ApproverPolicy policy, ApprovalHistory history,
            ApprovalClock clock, ApprovalConfig config, Event<ApprovalChanged> changes) {
        this.repository = repository;
        this.policy = policy;
        this.history = history;
        this.clock = clock;
        this.config = config;
        this.changes = changes;
    }

    /**
     * Open reviews, oldest first: of {@code group}, or, when it is null, of every group {@code reviewer} is a
     * member of (and of break-glass calls without a group).
     *
     * @throws ApproverNotAllowedException when {@code reviewer} is not a member of {@code group}
     */
    @Transactional
    public List<Approval> open(Approver reviewer, String group) {
        if (group != null && !reviewer.isMemberOf(group)) {
            throw new ApproverNotAllowedException(
                    "'" + reviewer.name() + "' is not a member of the approver group '" + group + "'");
        }
        return repository.listOpenReviews(config.listLimit()).stream()
                .map(ApprovalEntity::toApproval)
                .filter(approval -> group == null
                        ? approval.approverGroup() == null || reviewer.isMemberOf(approval.approverGroup())
                        : group.equals(approval.approverGroup()))
                .toList();
    }

    /**
     * Closes the review of a break-glass call; {@code verdict} APPROVE means the use was justified.
     *
     * @throws ApprovalNotFoundException   for an unknown id
     * @throws ApproverNotAllowedException when {@code reviewer} may not review it
     * @throws ApprovalConflictException   when it is not a break-glass call or its review is closed
     */
    @Transactional(dontRollbackOn = ApprovalConflictException.class)
    public Approval review(String approvalId, Decision verdict, Approver reviewer, String reason) {
        if (reason != null && reason.length() > ApprovalDecisions.MAX_REASON_LENGTH) {
            throw new InvalidApprovalRequestException("reason is longer than " + ApprovalDecisions.MAX_REASON_LENGTH + " characters");
        }
        ApprovalEntity entity = repository.findForUpdate(approvalId)
                .orElseThrow(() -> new ApprovalNotFoundException(approvalId));
        Approval current = entity.toApproval();
        if (current.state() != ApprovalState.BREAK_GLASS) {
            throw new ApprovalConflictException("approval '" + approvalId + "' is not a break-glass call; there is nothing to review");
        }
        policy.checkReviewer(current, reviewer);
        if (!current.hasOpenReview()) {
            throw new ApprovalConflictException("the break-glass call '" + approvalId + "' was already reviewed by "
                    + current.review().reviewedBy());
        }
        Instant now = clock.now();
        entity.markReviewed(reviewer.name(), verdict, reason, now);
        Approval reviewed = entity.toApproval();
        history.record(reviewed, ApprovalEventType.REVIEWED, reviewer.name(),
                (verdict == Decision.APPROVE ? "justified" : "not justified") + (reason == null ? "" : ": " + reason), now);
        LOG.infof("break-glass %s reviewed by %s: %s", approvalId, reviewer.name(),
                verdict == Decision.APPROVE ? "justified" : "not justified");
        changes.fire(new ApprovalChanged(reviewed));
        return reviewed;
    }
}
