package io.gatehouse.dataplane.auth;

/** The caller's token proves no identity; the message is safe to show to the caller (it never contains the token). */
public class AuthenticationException extends RuntimeException {

    public AuthenticationException(String message) {
        super(message, null, false, false);
    }
}
