package io.gatehouse.controlplane.service.review;

import io.gatehouse.controlplane.domain.review.ReviewDecision;

import java.time.Instant;
import java.util.List;

/**
 * One decision for several items of a campaign: the items named, or every undecided item the caller may decide.
 *
 * @param newExpiry required for {@link ReviewDecision#SHORTEN}: the identity's new expiry
 */
public record DecisionRequest(List<String> itemIds, boolean allUndecided, ReviewDecision decision, String comment,
                              Instant newExpiry) {

    public DecisionRequest {
        itemIds = itemIds == null ? List.of() : List.copyOf(itemIds);
    }
}
