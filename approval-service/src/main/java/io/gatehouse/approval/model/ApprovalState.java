package io.gatehouse.approval.model;

/**
 * Life cycle of an approval: PENDING until decided (APPROVED, DENIED), EXPIRED or CANCELLED; an APPROVED one
 * is CONSUMED (used) by exactly one call. A BREAK_GLASS approval records a call that passed without a decision.
 */
public enum ApprovalState {
    PENDING,
    APPROVED,
    DENIED,
    EXPIRED,
    CANCELLED,
    CONSUMED,
    /** Passed at once under its grant's break-glass, without a decision; its review says what reviewers found. */
    BREAK_GLASS;

    /** A watcher stops at a terminal state: nothing more will be decided about the call. */
    public boolean isTerminal() {
        return this != PENDING;
    }
}
