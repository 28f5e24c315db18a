package io.gatehouse.vaultbroker.repository;

import io.gatehouse.vaultbroker.model.StoredCredential;
import io.gatehouse.vaultbroker.repository.vault.VaultBackend;
import io.gatehouse.vaultbroker.repository.vault.VaultSecretStore;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The secret store the broker issues from: Vault for the resources the sources file maps, the built-in
 * static store for the others. A resource in both is refused at start.
 */
@Startup
@ApplicationScoped
public class RoutingSecretStore implements SecretStore {

    private final StaticSecretStore staticStore;
    private final Optional<VaultSecretStore> vaultStore;

    public RoutingSecretStore(StaticSecretStore staticStore, VaultBackend vault) {
        this.staticStore = staticStore;
        this.vaultStore = vault.store();
        Set<String> both = staticStore.resources().stream()
                .filter(resource -> vaultStore.map(store -> store.serves(resource)).orElse(false))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!both.isEmpty()) {
            throw new IllegalStateException("resources " + both + " are in both the static store and the secret"
                    + " sources file; keep each in one");
        }
    }

    @Override
    public Optional<StoredCredential> find(String resource) {
        if (vaultStore.isPresent() && vaultStore.get().serves(resource)) {
            return vaultStore.get().find(resource);
        }
        return staticStore.find(resource);
    }
}
