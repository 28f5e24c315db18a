package io.gatehouse.approval.service;

/** The approver may not decide on this approval (not in the approver group, own call, owning team). */
public class ApproverNotAllowedException extends RuntimeException {

    public ApproverNotAllowedException(String message) {
        super(message);
    }
}
