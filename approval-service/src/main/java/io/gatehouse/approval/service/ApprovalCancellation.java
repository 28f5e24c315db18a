package io.gatehouse.approval.service;

import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalEntity;
import io.gatehouse.approval.model.ApprovalEventType;
import io.gatehouse.approval.repository.ApprovalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Withdraws a pending approval on behalf of the identity that asked for it. */
@ApplicationScoped
public class ApprovalCancellation {

    private static final Logger LOG = Logger.getLogger(ApprovalCancellation.class);

    private final ApprovalRepository repository;
    private final ApprovalExpiry expiry;
    private final ApprovalHistory history;
    private final ApprovalClock clock;
    private final Event<ApprovalChanged> changes;

    public ApprovalCancellation(ApprovalRepository repository, ApprovalExpiry expiry, ApprovalHistory history,
            ApprovalClock clock, Event<ApprovalChanged> changes) {
        this.repository = repository;
        this.expiry = expiry;
        this.history = history;
        this.clock = clock;
        this.changes = changes;
    }

    /**
     * @throws ApprovalNotFoundException for an unknown id
     * @throws ApprovalConflictException when the approval is not pending or belongs to another identity
     */
    @Transactional(dontRollbackOn = ApprovalConflictException.class)
    public Approval cancel(String approvalId, String identity, String reason) {
        if (approvalId == null || approvalId.isBlank()) {
            throw new InvalidApprovalRequestException("approval_id is required");
        }
        Instant now = clock.now();
        if (repository.cancel(approvalId, identity, reason, now) == 1) {
            Approval cancelled = repository.findById(approvalId).toApproval();
            history.record(cancelled, ApprovalEventType.CANCELLED, identity, reason, now);
            LOG.infof("approval %s cancelled by identity %s", approvalId, identity);
            changes.fire(new ApprovalChanged(cancelled));
            return cancelled;
        }
        expiry.expireIfDue(approvalId, now);
        ApprovalEntity current = repository.findById(approvalId);
        if (current == null) {
            throw new ApprovalNotFoundException(approvalId);
        }
        if (!current.getIdentity().equals(identity)) {
            throw new ApprovalConflictException("approval '" + approvalId + "' belongs to another identity");
        }
        throw new ApprovalConflictException("approval '" + approvalId + "' is " + current.getState()
                + ", not PENDING; it cannot be cancelled");
    }
}
