package io.gatehouse.controlplane.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "review_item")
public class ReviewItemEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "campaign_id", nullable = false)
    public String campaignId;

    @Column(nullable = false)
    public String identity;

    @Column(name = "owner_team", nullable = false)
    public String ownerTeam;

    /** JSON of the evidence captured when the campaign started. */
    @Column(nullable = false)
    public String evidence;

    public String decision;

    public String comment;

    @Column(name = "new_expiry")
    public Instant newExpiry;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    public String applied;
}
