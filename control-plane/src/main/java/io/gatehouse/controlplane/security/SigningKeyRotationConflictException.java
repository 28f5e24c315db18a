package io.gatehouse.controlplane.security;

/** A rotation was requested while another one is still under way (409). */
public class SigningKeyRotationConflictException extends RuntimeException {

    public SigningKeyRotationConflictException(String message) {
        super(message);
    }
}
