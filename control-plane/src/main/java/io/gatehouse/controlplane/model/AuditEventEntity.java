package io.gatehouse.controlplane.model;

import io.gatehouse.controlplane.domain.CallRecording;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Read-only view of the append-only audit store; rows are written by {@code AuditEventWriter}. */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEventEntity extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "event_time", nullable = false)
    public Instant eventTime;

    @Column(name = "data_plane_id")
    public String dataPlaneId;

    public String identity;

    public String resource;

    public String method;

    public String path;

    @Column(nullable = false)
    public String decision;

    public String reason;

    @Column(name = "approval_id")
    public String approvalId;

    public int status;

    @Column(name = "duration_ms")
    public long durationMs;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "masked_fields", nullable = false)
    public List<String> maskedFields;

    @Column(nullable = false)
    public String kind;

    public String actor;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "masked_values", nullable = false)
    public Map<String, Integer> maskedValues;

    @JdbcTypeCode(SqlTypes.JSON)
    public CallRecording recording;

    /** The path pattern of the grant that allowed the call; null when none did. */
    public String route;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** Written with the hash chain by {@code AuditEventWriter}; read here to follow a chain in order. */
    @Column(name = "chain_source", insertable = false, updatable = false)
    public String chainSource;

    @Column(name = "chain_seq", insertable = false, updatable = false)
    public Long chainSeq;
}
