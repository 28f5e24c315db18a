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

/** Persists the expiry of pending approvals whose window has passed, and announces it. */
@ApplicationScoped
public class ApprovalExpiry {

    private static final Logger LOG = Logger.getLogger(ApprovalExpiry.class);

    private final ApprovalRepository repository;
    private final ApprovalHistory history;
    private final Event<ApprovalChanged> changes;

    public ApprovalExpiry(ApprovalRepository repository, ApprovalHistory history, Event<ApprovalChanged> changes) {
        this.repository = repository;
        this.history = history;
        this.changes = changes;
    }

    /** @return whether this call moved the approval from PENDING to EXPIRED */
    @Transactional
    public boolean expireIfDue(String approvalId, Instant now) {
        if (repository.expireIfDue(approvalId, now) == 0) {
            return false;
        }
        ApprovalEntity entity = repository.findById(approvalId);
        // the row may have been loaded before the bulk update in this transaction
        repository.getEntityManager().refresh(entity);
        Approval expired = entity.toApproval();
        history.record(expired, ApprovalEventType.EXPIRED, ApprovalHistory.SYSTEM, "not decided in time", now);
        LOG.infof("approval %s expired undecided", approvalId);
        changes.fire(new ApprovalChanged(expired));
        return true;
    }

    /** Expires every pending approval past its window. */
    @Transactional
    public void expireAllDue(Instant now) {
        repository.findPendingIdsDueAt(now).forEach(id -> expireIfDue(id, now));
    }
}
