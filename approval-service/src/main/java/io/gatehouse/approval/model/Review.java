package io.gatehouse.approval.model;

import java.time.Instant;

/**
 * The mandatory after-the-fact review of a break-glass call.
 *
 * @param verdict APPROVE: the use of break-glass was justified; DENY: it was not. Null while open.
 */
public record Review(State state, String reviewedBy, Decision verdict, String reason, Instant reviewedAt) {

    public enum State {
        OPEN,
        CLOSED
    }
}
