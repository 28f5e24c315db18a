package io.gatehouse.approval.service;

/** The caller's input cannot describe an approval; the message says what to fix. */
public class InvalidApprovalRequestException extends RuntimeException {

    public InvalidApprovalRequestException(String message) {
        super(message);
    }
}
