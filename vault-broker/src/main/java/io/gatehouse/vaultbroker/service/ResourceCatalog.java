package io.gatehouse.vaultbroker.service;

import io.gatehouse.vaultbroker.config.BrokerConfig;
import io.gatehouse.vaultbroker.model.ResourceAccess;
import io.gatehouse.vaultbroker.model.SecretSource;
import io.gatehouse.vaultbroker.repository.StaticSecretStore;
import io.gatehouse.vaultbroker.repository.vault.VaultBackend;
import io.gatehouse.vaultbroker.repository.vault.VaultSecretStore;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which resources the broker serves, where each credential lives and which data-plane pools may receive it.
 * With a control plane it is filled from the config snapshots (and empty, refusing every request, until the
 * first one arrives). Without one it is fixed at start from the sources file and the static store, and every
 * authenticated data plane may receive every credential.
 */
@Startup
@ApplicationScoped
public class ResourceCatalog {

    private volatile Map<String, ResourceAccess> byResource;

    public ResourceCatalog(BrokerConfig config, StaticSecretStore staticStore, VaultBackend vault) {
        boolean fromControlPlane = config.controlPlane().url().filter(url -> !url.isBlank()).isPresent();
        this.byResource = fromControlPlane ? null
                : standalone(staticStore.resources(), vault.store().map(VaultSecretStore::sources).orElse(Map.of()));
    }

    /**
     * @return the resource, or empty when the broker does not serve it
     * @throws CatalogNotReadyException before the control plane's first snapshot
     */
    public Optional<ResourceAccess> find(String resource) {
        Map<String, ResourceAccess> current = byResource;
        if (current == null) {
            throw new CatalogNotReadyException();
        }
        return Optional.ofNullable(current.get(resource));
    }

    public boolean ready() {
        return byResource != null;
    }

    /** Installs the resources of a snapshot the broker accepted. */
    public void install(Map<String, ResourceAccess> resources) {
        this.byResource = Map.copyOf(resources);
    }

    private static Map<String, ResourceAccess> standalone(Set<String> staticResources, Map<String, SecretSource> vaultSources) {
        Set<String> both = new TreeSet<>(staticResources);
        both.retainAll(vaultSources.keySet());
        if (!both.isEmpty()) {
            throw new IllegalStateException("resources " + both + " are in both the static store and the secret"
                    + " sources file; keep each in one");
        }
        Map<String, ResourceAccess> resources = new LinkedHashMap<>();
        staticResources.forEach(resource -> resources.put(resource,
                new ResourceAccess(resource, Optional.empty(), Optional.empty(), null)));
        vaultSources.forEach((resource, source) -> resources.put(resource,
                new ResourceAccess(resource, Optional.of(source), Optional.empty(), null)));
        return resources;
    }
}
