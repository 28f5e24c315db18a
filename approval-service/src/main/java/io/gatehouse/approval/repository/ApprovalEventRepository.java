package io.gatehouse.approval.repository;

import io.gatehouse.approval.model.ApprovalEventEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The append-only history of approvals (table {@code approval_event}). Callers must run inside a transaction. */
@ApplicationScoped
public class ApprovalEventRepository implements PanacheRepositoryBase<ApprovalEventEntity, Long> {

    /** History of one approval, oldest first. */
    public List<ApprovalEventEntity> listFor(String approvalId) {
        return find("approvalId", Sort.ascending("id"), approvalId).list();
    }
}
