package io.gatehouse.vaultbroker.repository;

import io.gatehouse.vaultbroker.model.StoredCredential;

import java.util.Optional;

/**
 * Where the credentials that back resources come from: the built-in static store today, HashiCorp
 * Vault next. Implementations may block (network I/O); callers run them on worker threads.
 */
public interface SecretStore {

    /**
     * The credential backing {@code resource}, as a copy whose secret the caller must clear after use.
     *
     * @return empty when this store has no credential for the resource
     * @throws SecretStoreUnavailableException when the store cannot be reached
     */
    Optional<StoredCredential> find(String resource);
}
