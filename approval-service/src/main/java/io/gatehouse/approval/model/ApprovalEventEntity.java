package io.gatehouse.approval.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Row of the append-only table {@code approval_event}. */
@Entity
@Table(name = "approval_event")
public class ApprovalEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "approval_id", nullable = false)
    private String approvalId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ApprovalEventType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ApprovalState state;

    @Column(nullable = false)
    private String actor;

    private String reason;

    @Column(nullable = false)
    private Instant at;

    protected ApprovalEventEntity() {
        // for JPA
    }

    public static ApprovalEventEntity of(String approvalId, ApprovalEventType type, ApprovalState state, String actor,
            String reason, Instant at) {
        ApprovalEventEntity entity = new ApprovalEventEntity();
        entity.approvalId = approvalId;
        entity.type = type;
        entity.state = state;
        entity.actor = actor;
        entity.reason = reason;
        entity.at = at;
        return entity;
    }

    public HistoryEntry toHistoryEntry() {
        return new HistoryEntry(type, state, actor, reason, at);
    }
}
