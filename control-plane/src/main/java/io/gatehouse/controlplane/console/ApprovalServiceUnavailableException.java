package io.gatehouse.controlplane.console;

/** The console cannot reach the approval service (not configured, or not answering); the message says which. */
public class ApprovalServiceUnavailableException extends RuntimeException {

    public ApprovalServiceUnavailableException(String message) {
        super(message);
    }
}
