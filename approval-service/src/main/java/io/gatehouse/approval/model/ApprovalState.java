package io.gatehouse.approval.model;

/** Life cycle of an approval: PENDING until decided or expired; an APPROVED one is CONSUMED by exactly one call. */
public enum ApprovalState {
    PENDING,
    APPROVED,
    DENIED,
    EXPIRED,
    CONSUMED;

    /** A watcher stops at a terminal state: nothing more will be decided about the call. */
    public boolean isTerminal() {
        return this != PENDING;
    }
}
