package io.gatehouse.approval.repository;

import io.gatehouse.approval.model.ApprovalDecisionEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Individual approvers' decisions (table {@code approval_decision}). Callers must run inside a transaction. */
@ApplicationScoped
public class ApprovalDecisionRepository implements PanacheRepositoryBase<ApprovalDecisionEntity, Long> {

    /** Decisions on one approval, oldest first. */
    public List<ApprovalDecisionEntity> listFor(String approvalId) {
        return find("approvalId", Sort.ascending("decidedAt").and("id"), approvalId).list();
    }

    public boolean hasDecided(String approvalId, String approver) {
        return count("approvalId = ?1 and approver = ?2", approvalId, approver) > 0;
    }
}
