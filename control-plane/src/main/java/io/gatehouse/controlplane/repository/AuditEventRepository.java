package io.gatehouse.controlplane.repository;

import io.gatehouse.controlplane.domain.AuditFilter;
import io.gatehouse.controlplane.domain.AuditQuery;
import io.gatehouse.controlplane.model.AuditEventEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the audit store; writing is {@link AuditEventWriter}'s job. */
@ApplicationScoped
public class AuditEventRepository implements PanacheRepository<AuditEventEntity> {

    /** The events matching the query, newest first. */
    public List<AuditEventEntity> search(AuditQuery query) {
        Where where = where(query.filter());
        query.before().ifPresent(before -> where.add("id < :before", "before", before));
        return find(where.text(), Sort.descending("id"), where.parameters).page(0, query.limit()).list();
    }

    /** Up to {@code size} events matching the filter stored after the event {@code afterId}, in the order stored. */
    /** Up to {@code size} events of one hash chain after position {@code afterSeq}, in chain order (which is commit order). */
    public List<AuditEventEntity> chainPage(String source, long afterSeq, int size) {
        return find("chainSource = ?1 and chainSeq > ?2 order by chainSeq", source, afterSeq).page(0, size).list();
    }

    public List<AuditEventEntity> exportPage(AuditFilter filter, long afterId, int size) {
        Where where = where(filter);
        where.add("id > :after", "after", afterId);
        return find(where.text(), Sort.ascending("id"), where.parameters).page(0, size).list();
    }

    private static Where where(AuditFilter filter) {
        Where where = new Where();
        where.add(filter.requestId(), "requestId");
        where.add(filter.identity(), "identity");
        where.add(filter.kind(), "kind");
        where.add(filter.resource(), "resource");
        where.add(filter.approvalId(), "approvalId");
        where.add(filter.method(), "method");
        filter.decision().ifPresent(decision -> where.add("decision = :decision", "decision", decision.name()));
        filter.from().ifPresent(from -> where.add("eventTime >= :from", "from", from));
        filter.to().ifPresent(to -> where.add("eventTime < :to", "to", to));
        return where;
    }

    private static final class Where {
        private final List<String> conditions = new ArrayList<>();
        private final Parameters parameters = new Parameters();

        void add(Optional<String> value, String field) {
            value.ifPresent(present -> add(field + " = :" + field, field, present));
        }

        void add(String condition, String name, Object value) {
            conditions.add(condition);
            parameters.and(name, value);
        }

        String text() {
            return conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
        }
    }
}
