package io.gatehouse.controlplane.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "review_campaign")
public class ReviewCampaignEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String scope;

    /** JSON: {@code {"owningTeam": true, "people": [...]}}. */
    @Column(nullable = false)
    public String reviewers;

    @Column(name = "window_since", nullable = false)
    public Instant windowSince;

    @Column(name = "window_until", nullable = false)
    public Instant windowUntil;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "closed_by")
    public String closedBy;

    /** The signed report (compact JWS), once closed. */
    public String report;

    @Column(name = "reminded_at")
    public Instant remindedAt;

    @Column(name = "escalated_at")
    public Instant escalatedAt;
}
