package io.gatehouse.dataplane.proxy;

/** The call waits for a decision that did not come within the hold time. */
public class PendingApprovalException extends RuntimeException {

    private final String approvalId;

    public PendingApprovalException(String approvalId) {
        super("waiting for approval " + approvalId, null, false, false);
        this.approvalId = approvalId;
    }

    public String approvalId() {
        return approvalId;
    }
}
