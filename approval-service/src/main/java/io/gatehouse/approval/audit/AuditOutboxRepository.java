package io.gatehouse.approval.audit;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The audit events not yet acknowledged by the control plane. Callers run inside a transaction. */
@ApplicationScoped
public class AuditOutboxRepository implements PanacheRepositoryBase<AuditOutboxEntity, Long> {

    /**
     * The oldest waiting events, locked until the end of the transaction; rows another replica is shipping
     * right now are skipped, so each event is normally sent by one replica only.
     */
    @SuppressWarnings("unchecked")
    List<AuditOutboxEntity> lockOldest(int limit) {
        return getEntityManager()
                .createNativeQuery("SELECT * FROM audit_outbox ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED",
                        AuditOutboxEntity.class)
                .setParameter("limit", limit)
                .getResultList();
    }

    void deleteShipped(List<Long> ids) {
        delete("id in ?1", ids);
    }

    /** Events waiting; for the metric and the tests. */
    public long waiting() {
        return count();
    }
}
