package io.gatehouse.approval.audit;

import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalEventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * Queues the audit event of a transition in the outbox, in the transaction that made the transition:
 * a transition is never committed without its audit event, and the event is shipped once committed.
 */
@ApplicationScoped
public class ApprovalAuditTrail {

    private final AuditOutboxRepository outbox;

    public ApprovalAuditTrail(AuditOutboxRepository outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(Approval after, ApprovalEventType type, String actor, String reason, Instant at) {
        UUID eventId = UUID.randomUUID();
        byte[] event = ApprovalAuditEvents.of(eventId, after, type, actor, reason, at).toByteArray();
        outbox.persist(AuditOutboxEntity.of(eventId, event, at));
    }
}
