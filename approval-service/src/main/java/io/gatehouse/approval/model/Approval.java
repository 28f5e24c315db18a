package io.gatehouse.approval.model;

import java.time.Instant;

/** Immutable snapshot of one approval, safe to hand across threads and to serialize. */
public record Approval(
        String id,
        ApprovalState state,
        String identity,
        String resource,
        String method,
        String path,
        String requestDigest,
        String justification,
        String approverGroup,
        int quorum,
        String dataPlaneId,
        String requestId,
        Instant createdAt,
        Instant expiresAt,
        String decidedBy,
        Instant decidedAt,
        String reason,
        Instant consumedAt,
        String ownerTeam,
        boolean ownerTeamMayApprove,
        Review review) {

    /** A break-glass call whose review nobody has closed yet. */
    public boolean hasOpenReview() {
        return review != null && review.state() == Review.State.OPEN;
    }
}
