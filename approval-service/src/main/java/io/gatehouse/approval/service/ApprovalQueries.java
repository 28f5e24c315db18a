package io.gatehouse.approval.service;

import io.gatehouse.approval.config.ApprovalConfig;
import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalEntity;
import io.gatehouse.approval.model.ApprovalState;
import io.gatehouse.approval.repository.ApprovalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Reads approvals as they stand now: a pending approval past its window is expired before it is returned. */
@ApplicationScoped
public class ApprovalQueries {

    private final ApprovalRepository repository;
    private final ApprovalExpiry expiry;
    private final ApprovalClock clock;
    private final ApprovalConfig config;

    public ApprovalQueries(ApprovalRepository repository, ApprovalExpiry expiry, ApprovalClock clock,
            ApprovalConfig config) {
        this.repository = repository;
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

    /** Approvals in {@code state} (oldest first), or the newest approvals when {@code state} is {@code null}. */
    @Transactional
    public List<Approval> list(ApprovalState state) {
        expiry.expireAllDue(clock.now());
        List<ApprovalEntity> entities = state == null
                ? repository.listNewest(config.listLimit())
                : repository.listByState(state, config.listLimit());
        return entities.stream().map(ApprovalEntity::toApproval).toList();
    }
}
