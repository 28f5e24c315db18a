package io.gatehouse.vaultbroker.repository;

/** The secret store could not be reached; data planes keep using cached credentials until their leases end. */
public class SecretStoreUnavailableException extends RuntimeException {

    public SecretStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
