package io.gatehouse.approval.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Row of {@code audit_outbox}: one audit event waiting for the control plane's acknowledgement. */
@Entity
@Table(name = "audit_outbox")
public class AuditOutboxEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id", nullable = false)
    private UUID eventId;

    /** The serialized {@code gatehouse.audit.v1.AuditEvent}. */
    @Column(nullable = false)
    private byte[] event;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AuditOutboxEntity() {
        // for JPA
    }

    static AuditOutboxEntity of(UUID eventId, byte[] event, Instant createdAt) {
        AuditOutboxEntity entity = new AuditOutboxEntity();
        entity.eventId = eventId;
        entity.event = event;
        entity.createdAt = createdAt;
        return entity;
    }

    Long id() {
        return id;
    }

    byte[] event() {
        return event;
    }
}
