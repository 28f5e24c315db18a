package io.gatehouse.approval.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Row of table {@code approval}. State changes go through conditional updates in the repository. */
@Entity
@Table(name = "approval")
public class ApprovalEntity {

    @Id
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ApprovalState state;

    @Column(nullable = false)
    private String identity;

    @Column(nullable = false)
    private String resource;

    private String method;

    private String path;

    @Column(name = "request_digest", nullable = false)
    private String requestDigest;

    private String justification;

    @Column(name = "approver_group")
    private String approverGroup;

    private int quorum;

    @Column(name = "data_plane_id")
    private String dataPlaneId;

    @Column(name = "request_id")
    private String requestId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    private String reason;

    @Column(name = "consumed_at")
    private Instant consumedAt;

    @Column(name = "owner_team")
    private String ownerTeam;

    @Column(name = "owner_team_may_approve", nullable = false)
    private boolean ownerTeamMayApprove;

    @Enumerated(EnumType.STRING)
    @Column(name = "review_state")
    private Review.State reviewState;

    @Column(name = "reviewed_by")
    private String reviewedBy;

    @Enumerated(EnumType.STRING)
    @Column(name = "review_verdict")
    private Decision reviewVerdict;

    @Column(name = "review_reason")
    private String reviewReason;

    @Column(name = "reviewed_at")
    private Instant reviewedAt;

    protected ApprovalEntity() {
        // for JPA
    }

    /** A new pending approval for the call described by {@code request}. */
    public static ApprovalEntity pending(String id, NewApproval request, int quorum, Instant createdAt, Instant expiresAt) {
        ApprovalEntity entity = new ApprovalEntity();
        entity.id = id;
        entity.state = ApprovalState.PENDING;
        entity.identity = request.identity();
        entity.resource = request.resource();
        entity.method = request.method();
        entity.path = request.path();
        entity.requestDigest = request.requestDigest();
        entity.justification = request.justification();
        entity.approverGroup = request.approverGroup();
        entity.quorum = quorum;
        entity.dataPlaneId = request.dataPlaneId();
        entity.requestId = request.requestId();
        entity.createdAt = createdAt;
        entity.expiresAt = expiresAt;
        entity.ownerTeam = request.ownerTeam();
        entity.ownerTeamMayApprove = request.ownerTeamMayApprove();
        return entity;
    }

    /** A call that passed at once under break-glass: already used, with an open review. */
    public static ApprovalEntity breakGlass(String id, NewApproval request, Instant now, Instant expiresAt) {
        ApprovalEntity entity = pending(id, request, 1, now, expiresAt);
        entity.state = ApprovalState.BREAK_GLASS;
        entity.consumedAt = now;
        entity.reviewState = Review.State.OPEN;
        return entity;
    }

    /** Closes the review; the caller holds the row lock and has checked that it is open. */
    public void markReviewed(String reviewer, Decision verdict, String reason, Instant at) {
        this.reviewState = Review.State.CLOSED;
        this.reviewedBy = reviewer;
        this.reviewVerdict = verdict;
        this.reviewReason = reason;
        this.reviewedAt = at;
    }

    /** Records the final decision; the caller holds the row lock and has checked that the approval is pending. */
    public void markDecided(ApprovalState decidedState, String decidedBy, String reason, Instant decidedAt) {
        this.state = decidedState;
        this.decidedBy = decidedBy;
        this.reason = reason;
        this.decidedAt = decidedAt;
    }

    public Approval toApproval() {
        return new Approval(id, state, identity, resource, method, path, requestDigest, justification,
                approverGroup, quorum, dataPlaneId, requestId, createdAt, expiresAt, decidedBy, decidedAt,
                reason, consumedAt, ownerTeam, ownerTeamMayApprove,
                reviewState == null ? null : new Review(reviewState, reviewedBy, reviewVerdict, reviewReason, reviewedAt));
    }

    public String getId() {
        return id;
    }

    public ApprovalState getState() {
        return state;
    }

    public String getIdentity() {
        return identity;
    }

    public String getRequestDigest() {
        return requestDigest;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public int getQuorum() {
        return quorum;
    }
}
