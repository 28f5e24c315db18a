package io.gatehouse.controlplane.model;

import io.gatehouse.controlplane.lifecycle.NotificationAudience;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "lifecycle_notification")
public class LifecycleNotificationEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "action_id")
    public Long actionId;

    @Column(nullable = false)
    public String event;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NotificationAudience audience;

    @Column(nullable = false)
    public String identity;

    /** The notification as JSON, in the documented shape; the sender formats it for the receiver. */
    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "delivered_at")
    public Instant deliveredAt;
}
