package io.gatehouse.approval.service;

import io.gatehouse.approval.audit.ApprovalAuditTrail;
import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalEventEntity;
import io.gatehouse.approval.model.ApprovalEventType;
import io.gatehouse.approval.repository.ApprovalEventRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/** Appends to an approval's history, and queues its audit event, in the transaction that made the change. */
@ApplicationScoped
public class ApprovalHistory {

    /** Actor recorded for changes the service makes on its own (expiry). */
    public static final String SYSTEM = "gatehouse";

    private final ApprovalEventRepository events;
    private final ApprovalAuditTrail auditTrail;

    public ApprovalHistory(ApprovalEventRepository events, ApprovalAuditTrail auditTrail) {
        this.events = events;
        this.auditTrail = auditTrail;
    }

    /** Records {@code type} with the state {@code after} it, who did it, why and when. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Approval after, ApprovalEventType type, String actor, String reason, Instant at) {
        events.persist(ApprovalEventEntity.of(after.id(), type, after.state(), actor, reason, at));
        auditTrail.append(after, type, actor, reason, at);
    }
}
