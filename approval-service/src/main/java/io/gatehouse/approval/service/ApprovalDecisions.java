package io.gatehouse.approval.service;

import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalEntity;
import io.gatehouse.approval.model.Decision;
import io.gatehouse.approval.repository.ApprovalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Records an approver's decision on a pending, unexpired approval. */
@ApplicationScoped
public class ApprovalDecisions {

    private static final Logger LOG = Logger.getLogger(ApprovalDecisions.class);

    private final ApprovalRepository repository;
    private final ApprovalExpiry expiry;
    private final ApprovalClock clock;
    private final Event<ApprovalChanged> changes;

    public ApprovalDecisions(ApprovalRepository repository, ApprovalExpiry expiry, ApprovalClock clock,
            Event<ApprovalChanged> changes) {
        this.repository = repository;
        this.expiry = expiry;
        this.clock = clock;
        this.changes = changes;
    }

    /**
     * @throws ApprovalNotFoundException for an unknown id
     * @throws ApprovalConflictException when the approval is no longer pending or has expired (its expiry is kept)
     */
    @Transactional(dontRollbackOn = ApprovalConflictException.class)
    public Approval decide(String approvalId, Decision decision, String approver, String reason) {
        Instant now = clock.now();
        if (repository.decide(approvalId, decision.resultingState(), approver, reason, now) == 1) {
            Approval decided = repository.findById(approvalId).toApproval();
            LOG.infof("approval %s %s by %s", approvalId, decided.state(), approver);
            changes.fire(new ApprovalChanged(decided));
            return decided;
        }
        if (expiry.expireIfDue(approvalId, now)) {
            throw new ApprovalConflictException("approval '" + approvalId + "' has expired; the decision was ignored");
        }
        ApprovalEntity current = repository.findById(approvalId);
        if (current == null) {
            throw new ApprovalNotFoundException(approvalId);
        }
        throw new ApprovalConflictException(
                "approval '" + approvalId + "' is " + current.getState() + ", not PENDING; the decision was ignored");
    }
}
