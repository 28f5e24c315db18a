package io.gatehouse.approval.service;

import io.gatehouse.approval.config.ApprovalConfig;
import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.Approver;
import io.gatehouse.approval.model.ApprovalDecisionEntity;
import io.gatehouse.approval.model.ApprovalDetails;
import io.gatehouse.approval.model.ApprovalEventEntity;
import io.gatehouse.approval.model.ApprovalEntity;
import io.gatehouse.approval.model.ApprovalState;
import io.gatehouse.approval.repository.ApprovalDecisionRepository;
import io.gatehouse.approval.repository.ApprovalEventRepository;
import io.gatehouse.approval.repository.ApprovalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Reads approvals as they stand now: a pending approval past its window is expired before it is returned. */
@ApplicationScoped
public class ApprovalQueries {

    private final ApprovalRepository repository;
    private final ApprovalDecisionRepository decisions;
    private final ApprovalEventRepository events;
    private final ApprovalExpiry expiry;
    private final ApprovalClock clock;
    private final ApprovalConfig config;
    private final ApprovalVisibility visibility;

    public ApprovalQueries(ApprovalRepository repository, ApprovalDecisionRepository decisions,
            ApprovalEventRepository events, ApprovalExpiry expiry, ApprovalClock clock, ApprovalConfig config,
            ApprovalVisibility visibility) {
        this.visibility = visibility;
        this.repository = repository;
        this.decisions = decisions;
        this.events = events;
        this.expiry = expiry;
        this.clock = clock;
        this.config = config;
    }

    /** @throws ApprovalNotFoundException for an unknown id */
    @Transactional
    public Approval get(String approvalId) {
        expiry.expireIfDue(approvalId, clock.now());
        ApprovalEntity entity = repository.findById(approvalId);
        if (entity == null) {
            throw new ApprovalNotFoundException(approvalId);
        }
        return entity.toApproval();
    }

    /** The approval with its decisions and history. @throws ApprovalNotFoundException for an unknown id */
    @Transactional
    public ApprovalDetails details(String approvalId) {
        Approval approval = get(approvalId);
        return new ApprovalDetails(approval,
                decisions.listFor(approvalId).stream().map(ApprovalDecisionEntity::toVote).toList(),
                events.listFor(approvalId).stream().map(ApprovalEventEntity::toHistoryEntry).toList());
    }

    /**
     * The approval with its decisions and history, if {@code reader} may see it.
     *
     * @throws ApprovalNotFoundException for an unknown id, and for one the reader may not see (which is not revealed)
     */
    @Transactional
    public ApprovalDetails details(String approvalId, Approver reader) {
        ApprovalDetails details = details(approvalId);
        if (!visibility.canRead(details.approval(), reader)) {
            throw new ApprovalNotFoundException(approvalId);
        }
        return details;
    }

    /** Pending, unexpired approvals of one approver group, oldest first. */
    @Transactional
    public List<Approval> listPending(String approverGroup) {
        return repository.listPendingOfGroup(approverGroup, clock.now(), config.listLimit()).stream()
                .map(ApprovalEntity::toApproval).toList();
    }

    /**
     * Approvals in {@code state} (oldest first), or the newest approvals when {@code state} is {@code null},
     * that {@code reader} may see.
     */
    @Transactional
    public List<Approval> list(ApprovalState state, Approver reader) {
        expiry.expireAllDue(clock.now());
        List<ApprovalEntity> entities = state == null
                ? repository.listNewest(config.listLimit())
                : repository.listByState(state, config.listLimit());
        return entities.stream().map(ApprovalEntity::toApproval)
                .filter(approval -> visibility.canRead(approval, reader)).toList();
    }
}
