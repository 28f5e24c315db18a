package io.gatehouse.vaultbroker.service;

import io.gatehouse.vaultbroker.model.ResourceAccess;
import io.gatehouse.vaultbroker.model.SecretSource;
import io.gatehouse.vaultbroker.repository.StaticSecretStore;
import io.gatehouse.vaultbroker.repository.vault.VaultBackend;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Takes the resources of a control-plane snapshot into use: checks that Vault lets the broker read every new or
 * changed source first, and keeps the previous configuration, reporting why, when it does not.
 */
@ApplicationScoped
public class SnapshotApplier {

    private static final Logger LOG = Logger.getLogger(SnapshotApplier.class);

    private final ResourceCatalog catalog;
    private final VaultBackend vault;
    private final StaticSecretStore staticStore;

    public SnapshotApplier(ResourceCatalog catalog, VaultBackend vault, StaticSecretStore staticStore) {
        this.catalog = catalog;
        this.vault = vault;
        this.staticStore = staticStore;
    }

    /** @return the problems that made the broker keep its previous configuration; empty when applied */
    public List<String> apply(String version, Map<String, ResourceAccess> resources) {
        Map<String, SecretSource> vaultSources = new LinkedHashMap<>();
        resources.values().forEach(access -> access.vaultSource().ifPresent(source -> vaultSources.put(access.resource(), source)));
        List<String> problems = vault.replaceSources(vaultSources);
        if (!problems.isEmpty()) {
            LOG.errorf("config version %s refused, keeping the previous one: %s", version, String.join("; ", problems));
            return problems;
        }
        catalog.install(resources);
        TreeSet<String> missingStatic = new TreeSet<>();
        resources.values().stream().filter(access -> access.vaultSource().isEmpty())
                .filter(access -> !staticStore.resources().contains(access.resource()))
                .forEach(access -> missingStatic.add(access.resource()));
        if (!missingStatic.isEmpty()) {
            LOG.warnf("resources %s take their credential from the static store, which holds none for them; data planes"
                    + " get NOT_FOUND for them until the static store file has them", missingStatic);
        }
        LOG.infof("config version %s applied: %d resource(s), %d from Vault", version, resources.size(), vaultSources.size());
        return List.of();
    }
}
