package io.gatehouse.dataplane.approval;

/** What the approval gate decided for one call. */
public record ApprovalOutcome(Verdict verdict, String approvalId, String reason) {

    public enum Verdict {
        /** Approved and consumed for this call: forward it. */
        APPROVED,
        /** Denied, expired or already used: refuse with 403. */
        REFUSED,
        /** Not decided within the hold time: answer 202 so the caller retries the same call. */
        PENDING
    }
}
