package io.gatehouse.vaultbroker.service;

/** The caller's pool may not receive the credential of the resource. */
public class CredentialAccessDeniedException extends RuntimeException {

    public CredentialAccessDeniedException(String message) {
        super(message);
    }
}
