package io.gatehouse.approval.model;

/**
 * Life cycle of an approval: PENDING until decided (APPROVED, DENIED), EXPIRED or CANCELLED; an APPROVED one
 * is CONSUMED (used) by exactly one call.
 */
public enum ApprovalState {
    PENDING,
    APPROVED,
    DENIED,
    EXPIRED,
    CANCELLED,
    CONSUMED;

    /** A watcher stops at a terminal state: nothing more will be decided about the call. */
    public boolean isTerminal() {
        return this != PENDING;
    }
}
