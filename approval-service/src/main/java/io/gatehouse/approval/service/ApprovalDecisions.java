package io.gatehouse.approval.service;

import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalDecisionEntity;
import io.gatehouse.approval.model.ApprovalEntity;
import io.gatehouse.approval.model.ApprovalEventType;
import io.gatehouse.approval.model.ApprovalState;
import io.gatehouse.approval.model.Approver;
import io.gatehouse.approval.model.Decision;
import io.gatehouse.approval.repository.ApprovalDecisionRepository;
import io.gatehouse.approval.repository.ApprovalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * Records an approver's decision on a pending, unexpired approval. The approval's row is locked for
 * the transaction, so decisions on one approval are serialized across replicas. One deny denies;
 * the approval is approved once {@code quorum} distinct approvers have approved; a person counts once.
 */
@ApplicationScoped
public class ApprovalDecisions {

    private static final Logger LOG = Logger.getLogger(ApprovalDecisions.class);

    static final int MAX_REASON_LENGTH = 2000;

    private final ApprovalRepository repository;
    private final ApprovalDecisionRepository decisions;
    private final ApprovalExpiry expiry;
    private final ApproverPolicy policy;
    private final ApprovalHistory history;
    private final ApprovalClock clock;
    private final Event<ApprovalChanged> changes;

    public ApprovalDecisions(ApprovalRepository repository, ApprovalDecisionRepository decisions,
            ApprovalExpiry expiry, ApproverPolicy policy, ApprovalHistory history, ApprovalClock clock,
            Event<ApprovalChanged> changes) {
        this.repository = repository;
        this.decisions = decisions;
        this.expiry = expiry;
        this.policy = policy;
        this.history = history;
        this.clock = clock;
        this.changes = changes;
    }

    /**
     * @throws InvalidApprovalRequestException when the reason is too long
     * @throws ApprovalNotFoundException    for an unknown id
     * @throws ApproverNotAllowedException  when the approver may not take this decision
     * @throws ApprovalConflictException    when the approval is no longer pending, has expired (its expiry is
     *                                      kept), or this approver has already decided on it
     */
    @Transactional(dontRollbackOn = ApprovalConflictException.class)
    public Approval decide(String approvalId, Decision decision, Approver approver, String reason) {
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw new InvalidApprovalRequestException("reason is longer than " + MAX_REASON_LENGTH + " characters");
        }
        Instant now = clock.now();
        ApprovalEntity approval = repository.findForUpdate(approvalId)
                .orElseThrow(() -> new ApprovalNotFoundException(approvalId));
        policy.check(approval.toApproval(), approver, decision);
        if (approval.getState() == ApprovalState.PENDING && !approval.getExpiresAt().isAfter(now)) {
            expiry.expireIfDue(approvalId, now);
            throw new ApprovalConflictException("approval '" + approvalId + "' has expired; the decision was ignored");
        }
        if (approval.getState() != ApprovalState.PENDING) {
            throw new ApprovalConflictException("approval '" + approvalId + "' is " + approval.getState()
                    + ", not PENDING; the decision was ignored");
        }
        if (decisions.hasDecided(approvalId, approver.name())) {
            throw new ApprovalConflictException("'" + approver.name() + "' has already decided on approval '"
                    + approvalId + "'; an approver counts once");
        }
        decisions.persist(ApprovalDecisionEntity.of(approvalId, approver.name(), decision, reason, now));
        return decision == Decision.DENY
                ? finish(approval, ApprovalState.DENIED, approver.name(), approver.name(), reason, now)
                : countApproval(approval, approver, reason, now);
    }

    private Approval countApproval(ApprovalEntity approval, Approver approver, String reason, Instant now) {
        List<String> approvers = decisions.listFor(approval.getId()).stream()
                .filter(d -> d.getDecision() == Decision.APPROVE)
                .map(ApprovalDecisionEntity::getApprover)
                .distinct()
                .toList();
        if (approvers.size() >= approval.getQuorum()) {
            return finish(approval, ApprovalState.APPROVED, String.join(",", approvers), approver.name(), reason, now);
        }
        Approval pending = approval.toApproval();
        history.record(pending, ApprovalEventType.APPROVAL_RECORDED, approver.name(), reason, now);
        LOG.infof("approval %s: approved by %s, %d of %d approvers", approval.getId(), approver.name(),
                approvers.size(), approval.getQuorum());
        return pending;
    }

    private Approval finish(ApprovalEntity approval, ApprovalState state, String decidedBy, String actor,
            String reason, Instant now) {
        approval.markDecided(state, decidedBy, reason, now);
        Approval decided = approval.toApproval();
        history.record(decided, state == ApprovalState.APPROVED ? ApprovalEventType.APPROVED : ApprovalEventType.DENIED,
                actor, reason, now);
        LOG.infof("approval %s %s by %s", approval.getId(), state, decidedBy);
        changes.fire(new ApprovalChanged(decided));
        return decided;
    }
}
