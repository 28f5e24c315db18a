package io.gatehouse.vaultbroker.repository.vault;

/** Vault answered, but not with what the broker needs (e.g. a key is missing). Names places, never values. */
public class VaultSecretFormatException extends RuntimeException {

    public VaultSecretFormatException(String message) {
        super(message);
    }
}
