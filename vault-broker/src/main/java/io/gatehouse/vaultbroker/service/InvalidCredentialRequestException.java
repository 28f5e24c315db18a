package io.gatehouse.vaultbroker.service;

/** The request does not name what it wants; the message says what to fix. */
public class InvalidCredentialRequestException extends RuntimeException {

    public InvalidCredentialRequestException(String message) {
        super(message);
    }
}
