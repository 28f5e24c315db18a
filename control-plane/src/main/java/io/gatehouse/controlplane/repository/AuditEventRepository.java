package io.gatehouse.controlplane.repository;

import io.gatehouse.controlplane.domain.AuditQuery;
import io.gatehouse.controlplane.model.AuditEventEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Reads the audit store; writing is {@link AuditEventWriter}'s job. */
@ApplicationScoped
public class AuditEventRepository implements PanacheRepository<AuditEventEntity> {

    /** The events matching the query, newest first. */
    public List<AuditEventEntity> search(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        query.requestId().ifPresent(requestId -> {
            conditions.add("requestId = :requestId");
            parameters.and("requestId", requestId);
        });
        query.identity().ifPresent(identity -> {
            conditions.add("identity = :identity");
            parameters.and("identity", identity);
        });
        query.kind().ifPresent(kind -> {
            conditions.add("kind = :kind");
            parameters.and("kind", kind);
        });
        query.resource().ifPresent(resource -> {
            conditions.add("resource = :resource");
            parameters.and("resource", resource);
        });
        query.approvalId().ifPresent(approvalId -> {
            conditions.add("approvalId = :approvalId");
            parameters.and("approvalId", approvalId);
        });
        String where = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
        return find(where, Sort.descending("eventTime", "id"), parameters)
                .page(0, query.limit())
                .list();
    }
}
