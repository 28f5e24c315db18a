package io.gatehouse.controlplane.domain.review;

import java.time.Instant;

/**
 * One identity in a campaign and what its reviewer decided ({@code decision} null while undecided).
 *
 * @param newExpiry the expiry a {@link ReviewDecision#SHORTEN} decision sets
 * @param applied   what applying the decision changed in the policy, or why it could not
 */
public record ReviewItem(String id, String campaignId, ReviewEvidence evidence, ReviewDecision decision, String comment,
                         Instant newExpiry, String decidedBy, Instant decidedAt, String applied) {

    public boolean decided() {
        return decision != null;
    }

    /** Operations the decision removes: all of them for a revocation, the unused ones for narrowing. */
    public long permissionsRemoved() {
        if (decision == ReviewDecision.REVOKE) {
            return evidence.grantedOperations();
        }
        return decision == ReviewDecision.NARROW ? evidence.usage().unusedGrants().size() : 0;
    }
}
