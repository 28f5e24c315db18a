package io.gatehouse.approval.model;

import java.time.Instant;

/**
 * What a data plane asks approval for: one exact call.
 *
 * @param expiresAt requested end of the approval window; {@code null} for the configured default
 * @param quorum    number of distinct approvers required; {@code 0} means the default of one
 * @param ownerTeam team owning the identity, or {@code null}; its members cannot approve unless
 *                  {@code ownerTeamMayApprove}
 */
public record NewApproval(
        String identity,
        String resource,
        String method,
        String path,
        String requestDigest,
        String justification,
        String approverGroup,
        int quorum,
        Instant expiresAt,
        String dataPlaneId,
        String requestId,
        String ownerTeam,
        boolean ownerTeamMayApprove) {
}
