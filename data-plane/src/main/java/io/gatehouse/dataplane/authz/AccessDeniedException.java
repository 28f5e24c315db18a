package io.gatehouse.dataplane.authz;

/** The call is not allowed; the message is safe to show the caller and reveals no other resource. */
public class AccessDeniedException extends RuntimeException {

    public AccessDeniedException(String message) {
        super(message, null, false, false);
    }
}
