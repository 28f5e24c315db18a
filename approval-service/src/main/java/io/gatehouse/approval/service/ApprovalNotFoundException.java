package io.gatehouse.approval.service;

/** No approval has the given id. */
public class ApprovalNotFoundException extends RuntimeException {

    public ApprovalNotFoundException(String approvalId) {
        super("approval '" + approvalId + "' does not exist");
    }
}
