package io.gatehouse.dataplane.credential;

/** No usable credential for a resource: the call is refused with 503 for that resource only. */
public class CredentialUnavailableException extends RuntimeException {

    public CredentialUnavailableException(String message) {
        super(message, null, false, false);
    }
}
