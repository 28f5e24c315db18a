package io.gatehouse.approval.model;

/** What happened to an approval, as recorded in its history. */
public enum ApprovalEventType {
    /** A data plane opened the approval. */
    REQUESTED,
    /** One approver approved; the approval stays pending until the quorum is reached. */
    APPROVAL_RECORDED,
    /** The quorum of distinct approvers was reached. */
    APPROVED,
    /** An approver denied. */
    DENIED,
    EXPIRED,
    CANCELLED,
    /** The approved call went through. */
    CONSUMED,
    /** A call passed at once under break-glass; its review is open. */
    BREAK_GLASS,
    /** A reviewer closed the review of a break-glass call. */
    REVIEWED
}
