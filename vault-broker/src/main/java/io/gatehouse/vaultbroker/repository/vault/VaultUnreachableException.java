package io.gatehouse.vaultbroker.repository.vault;

/** Vault could not be reached or answered that it cannot serve now (timeout, refused, 5xx, sealed). */
public class VaultUnreachableException extends RuntimeException {

    public VaultUnreachableException(String message) {
        super(message);
    }
}
