package io.gatehouse.approval.service;

import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalEntity;
import io.gatehouse.approval.model.ApprovalEventType;
import io.gatehouse.approval.repository.ApprovalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Withdraws a pending approval on behalf of the identity that asked for it. */
@ApplicationScoped
public class ApprovalCancellation {

    private static final Logger LOG = Logger.getLogger(ApprovalCancellation.class);

    private final ApprovalRepository repository;
    private final ApprovalTransitions transitions;

    public ApprovalCancellation(ApprovalRepository repository, ApprovalTransitions transitions) {
        this.repository = repository;
        this.transitions = transitions;
    }

    /**
     * @throws ApprovalNotFoundException for an unknown id
     * @throws ApprovalConflictException when the approval is not pending or belongs to another identity
     */
    @Transactional(dontRollbackOn = ApprovalConflictException.class)
    public Approval cancel(String approvalId, String identity, String reason) {
        ApprovalTransitions.requireId(approvalId);
        Instant now = transitions.now();
        if (repository.cancel(approvalId, identity, reason, now) == 1) {
            LOG.infof("approval %s cancelled by identity %s", approvalId, identity);
            return transitions.applied(approvalId, ApprovalEventType.CANCELLED, identity, reason, now);
        }
        ApprovalEntity current = transitions.current(approvalId, now);
        if (!current.getIdentity().equals(identity)) {
            throw new ApprovalConflictException("approval '" + approvalId + "' belongs to another identity");
        }
        throw new ApprovalConflictException("approval '" + approvalId + "' is " + current.getState()
                + ", not PENDING; it cannot be cancelled");
    }
}
