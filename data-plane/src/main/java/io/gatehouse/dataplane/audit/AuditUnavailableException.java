package io.gatehouse.dataplane.audit;

/** The call cannot be recorded, so it must not be forwarded; the message is fit for the caller. */
public class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(String message) {
        super(message, null, false, false);
    }
}
