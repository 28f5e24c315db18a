package io.gatehouse.vaultbroker.repository;

import io.gatehouse.vaultbroker.model.ResourceAccess;
import io.gatehouse.vaultbroker.model.StoredCredential;
import io.gatehouse.vaultbroker.repository.vault.VaultBackend;
import io.gatehouse.vaultbroker.repository.vault.VaultSecretStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * Finds a resource's credential where the catalog says it lives: in Vault when the resource has a Vault source,
 * in the built-in static store otherwise (its lease then capped at the resource's ttl, when one is set).
 */
@ApplicationScoped
public class RoutingSecretStore {

    private final StaticSecretStore staticStore;
    private final Optional<VaultSecretStore> vaultStore;

    public RoutingSecretStore(StaticSecretStore staticStore, VaultBackend vault) {
        this.staticStore = staticStore;
        this.vaultStore = vault.store();
    }

    /**
     * @return a copy whose secret the caller clears after use; empty when the store holds nothing for the resource
     * @throws SecretStoreUnavailableException when Vault cannot provide it
     */
    public Optional<StoredCredential> find(ResourceAccess access) {
        if (access.vaultSource().isPresent()) {
            return vaultStore.flatMap(store -> store.find(access.resource()));
        }
        return staticStore.find(access.resource()).map(credential -> capped(credential, access.ttl()));
    }

    private static StoredCredential capped(StoredCredential credential, Optional<Duration> ttl) {
        if (ttl.isEmpty() || ttl.get().compareTo(credential.leaseDuration()) >= 0) {
            return credential;
        }
        return new StoredCredential(credential.secret(), ttl.get());
    }
}
