package io.gatehouse.approval.service;

/** A decision was made on an approval that is no longer pending or has expired; it was ignored. */
public class ApprovalConflictException extends RuntimeException {

    public ApprovalConflictException(String message) {
        super(message);
    }
}
