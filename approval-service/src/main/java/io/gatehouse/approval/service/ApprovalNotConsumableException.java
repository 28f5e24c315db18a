package io.gatehouse.approval.service;

/** An approval cannot let the call through; the message says why. */
public class ApprovalNotConsumableException extends RuntimeException {

    public ApprovalNotConsumableException(String message) {
        super(message);
    }
}
