package io.gatehouse.controlplane.domain.review;

import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.OperationUsage;
import io.gatehouse.controlplane.domain.UsageEvidence;

import java.time.Instant;
import java.util.List;

/**
 * What a reviewer sees of one identity, captured when the campaign started: owner, purpose, expiry, last use, its
 * grants, and its usage in the campaign's window (calls per operation, operations granted but never used, calls held
 * for approval, masking hits).
 */
public record ReviewEvidence(String identity, String kind, String ownerTeam, String ownerContact, String purpose,
                             String status, Instant expiresAt, Instant lastUsedAt, List<GrantDefinition> grants,
                             UsageEvidence usage) {

    public ReviewEvidence {
        grants = List.copyOf(grants);
    }

    /** No call of the identity passed (or was held for a human) in the window: an account nobody uses. */
    public boolean ghost() {
        return usage.operations().stream().allMatch(operation -> operation.allowed() == 0 && operation.heldForApproval() == 0);
    }

    public long grantedOperations() {
        return grants.stream().mapToLong(grant -> (long) grant.methods().size() * grant.pathPatterns().size()).sum();
    }

    public long approvalsRequested() {
        return usage.operations().stream().mapToLong(OperationUsage::heldForApproval).sum();
    }

    public long maskedValues() {
        return usage.operations().stream().mapToLong(OperationUsage::maskedValues).sum();
    }
}
