package io.gatehouse.dataplane.approval;

/** The approval service cannot be asked: the call is refused with 503, never approved by default. */
public class ApprovalUnavailableException extends RuntimeException {

    public ApprovalUnavailableException(String message) {
        super(message, null, false, false);
    }
}
