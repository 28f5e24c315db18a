package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.AuditChainEntry;
import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditFilter;
import io.gatehouse.controlplane.domain.AuditQuery;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.gatehouse.controlplane.domain.StoredAuditEvent;
import io.gatehouse.controlplane.model.AuditEventEntity;
import io.gatehouse.controlplane.repository.AuditEventRepository;
import io.gatehouse.controlplane.repository.AuditEventWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The append-only audit store: durable batch writes (idempotent per event id) and queries. */
@ApplicationScoped
public class AuditStore {

    private final AuditEventWriter writer;
    private final AuditEventRepository events;
    private final Counter storedEvents;
    private final Counter duplicateEvents;

    public AuditStore(AuditEventWriter writer, AuditEventRepository events, MeterRegistry metrics) {
        this.writer = writer;
        this.events = events;
        this.storedEvents = Counter.builder("gatehouse.audit.events.stored")
                .description("Audit events durably stored").register(metrics);
        this.duplicateEvents = Counter.builder("gatehouse.audit.events.duplicate")
                .description("Audit events received again and ignored (at-least-once delivery)").register(metrics);
    }

    /**
     * Stores the records of one batch in one transaction; records whose event id is already stored
     * are skipped. The usage evidence and identities' last use follow from the stored calls ({@link UsageRollup}).
     *
     * @throws AuditStoreUnavailableException if the batch could not be written (nothing of it is)
     */
    @Transactional(rollbackOn = SQLException.class)
    public int store(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return 0;
        }
        int inserted;
        try {
            inserted = writer.append(records).size();
        } catch (SQLException e) {
            throw new AuditStoreUnavailableException("could not write " + records.size() + " audit events", e);
        }
        storedEvents.increment(inserted);
        duplicateEvents.increment(records.size() - inserted);
        return inserted;
    }

    @Transactional
    public List<StoredAuditEvent> search(AuditQuery query) {
        return events.search(query).stream().map(AuditStore::toDomain).toList();
    }

    /** Up to {@code size} events matching the filter stored after the event {@code afterId}, in the order stored. */
    @Transactional
    public List<StoredAuditEvent> exportPage(AuditFilter filter, long afterId, int size) {
        return events.exportPage(filter, afterId, size).stream().map(AuditStore::toDomain).toList();
    }

    /** Up to {@code size} events of the chain {@code source} after position {@code afterSeq}, in chain order. */
    @Transactional
    public List<AuditChainEntry> chainPage(String source, long afterSeq, int size) {
        return events.chainPage(source, afterSeq, size).stream()
                .map(entity -> new AuditChainEntry(entity.chainSource, entity.chainSeq, toDomain(entity))).toList();
    }

    private static StoredAuditEvent toDomain(AuditEventEntity entity) {
        AuditRecord record = new AuditRecord(entity.eventId, entity.requestId, entity.eventTime, entity.dataPlaneId,
                entity.identity, entity.resource, entity.method, entity.path, AuditDecision.fromStored(entity.decision),
                entity.reason, entity.approvalId, entity.status, entity.durationMs,
                Objects.requireNonNullElse(entity.maskedFields, List.of()), entity.kind, entity.actor, Objects.requireNonNullElse(entity.maskedValues, Map.of()), entity.recording,
                entity.route);
        return new StoredAuditEvent(entity.id, record, entity.receivedAt);
    }
}
