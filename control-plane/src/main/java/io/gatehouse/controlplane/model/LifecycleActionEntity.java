package io.gatehouse.controlplane.model;

import io.gatehouse.controlplane.lifecycle.LifecycleActionType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "lifecycle_action")
public class LifecycleActionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String identity;

    @Convert(converter = LifecycleActionTypeColumn.class)
    @Column(nullable = false)
    public LifecycleActionType action;

    /** The secret id, for {@link LifecycleActionType#CLIENT_SECRET_REVOKED}. */
    @Column(name = "client_secret")
    public String clientSecret;

    @Column(nullable = false)
    public String reason;

    @Column(name = "previous_state")
    public String previousState;

    @Column(name = "taken_at", nullable = false)
    public Instant takenAt;

    @Column(name = "undone_at")
    public Instant undoneAt;

    @Column(name = "undone_by")
    public String undoneBy;

    @Column(name = "undo_reason")
    public String undoReason;
}
