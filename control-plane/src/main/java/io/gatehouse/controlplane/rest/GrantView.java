package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.GrantDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A grant as the admin API shows it, with its id; {@code approval} is null when calls need no approval. */
public record GrantView(String id, String identity, String resource, List<String> methods, List<String> paths,
                        Instant expiresAt, Approval approval) {

    /**
     * {@code approverGroup} is null where the identity's team's {@code approverGroup} decides;
     * {@code holdTime} and {@code validity} are null where the data plane's defaults apply.
     */
    public record Approval(String approverGroup, int quorum, Duration holdTime, Duration validity,
                           boolean ownerTeamMayApprove, boolean breakGlass) {
    }

    static GrantView from(GrantDefinition grant) {
        return new GrantView(grant.id(), grant.identity(), grant.resource(), grant.methods(), grant.pathPatterns(),
                grant.expiresAt(), grant.approvalRequirement()
                        .map(approval -> new Approval(approval.approverGroup(), approval.quorum(), approval.holdTime(),
                                approval.validity(), approval.ownerTeamMayApprove(), approval.breakGlass()))
                        .orElse(null));
    }
}
