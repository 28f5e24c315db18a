package io.gatehouse.approval.service;

import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalEntity;
import io.gatehouse.approval.model.ApprovalEventType;
import io.gatehouse.approval.repository.ApprovalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Instant;

/**
 * What every conditional state change of an approval shares: once the repository has applied the
 * change, it is recorded in the history and announced to watchers; when the repository refused
 * it, the approval is looked at as it is now (expired first if its time is up) to explain why.
 */
@ApplicationScoped
public class ApprovalTransitions {

    private final ApprovalRepository repository;
    private final ApprovalExpiry expiry;
    private final ApprovalHistory history;
    private final ApprovalClock clock;
    private final Event<ApprovalChanged> changes;

    public ApprovalTransitions(ApprovalRepository repository, ApprovalExpiry expiry, ApprovalHistory history,
            ApprovalClock clock, Event<ApprovalChanged> changes) {
        this.repository = repository;
        this.expiry = expiry;
        this.history = history;
        this.clock = clock;
        this.changes = changes;
    }

    Instant now() {
        return clock.now();
    }

    static void requireId(String approvalId) {
        if (approvalId == null || approvalId.isBlank()) {
            throw new InvalidApprovalRequestException("approval_id is required");
        }
    }

    /** Records and announces a change the repository has just applied. */
    Approval applied(String approvalId, ApprovalEventType type, String actor, String reason, Instant now) {
        Approval changed = repository.findById(approvalId).toApproval();
        history.record(changed, type, actor, reason, now);
        changes.fire(new ApprovalChanged(changed));
        return changed;
    }

    /** The approval as it is after a refused change. */
    ApprovalEntity current(String approvalId, Instant now) {
        expiry.expireIfDue(approvalId, now);
        ApprovalEntity current = repository.findById(approvalId);
        if (current == null) {
            throw new ApprovalNotFoundException(approvalId);
        }
        return current;
    }
}
