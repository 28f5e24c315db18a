package io.gatehouse.controlplane.domain.review;

import java.time.Instant;

/** An access-review campaign: which identities, who reviews them, over which usage window, by when. */
public record ReviewCampaign(String id, String name, ReviewScope scope, Reviewers reviewers, Instant windowSince,
                             Instant windowUntil, Instant dueAt, String createdBy, Instant createdAt, Instant closedAt,
                             String closedBy, Instant remindedAt, Instant escalatedAt) {

    public enum State { OPEN, OVERDUE, CLOSED }

    public State state(Instant now) {
        if (closedAt != null) {
            return State.CLOSED;
        }
        return now.isBefore(dueAt) ? State.OPEN : State.OVERDUE;
    }
}
