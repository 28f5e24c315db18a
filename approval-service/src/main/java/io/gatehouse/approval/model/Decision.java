package io.gatehouse.approval.model;

/** What an approver can decide about a pending approval. */
public enum Decision {
    APPROVE(ApprovalState.APPROVED),
    DENY(ApprovalState.DENIED);

    private final ApprovalState resultingState;

    Decision(ApprovalState resultingState) {
        this.resultingState = resultingState;
    }

    public ApprovalState resultingState() {
        return resultingState;
    }
}
