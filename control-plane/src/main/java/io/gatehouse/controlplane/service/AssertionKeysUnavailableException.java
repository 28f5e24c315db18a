package io.gatehouse.controlplane.service;

/** The assertion keys could not be read or stored (the database is unreachable); retry later. */
public class AssertionKeysUnavailableException extends RuntimeException {

    public AssertionKeysUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
