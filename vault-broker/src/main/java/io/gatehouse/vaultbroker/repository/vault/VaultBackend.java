package io.gatehouse.vaultbroker.repository.vault;

import io.gatehouse.vaultbroker.config.BrokerConfig;
import io.gatehouse.vaultbroker.model.SecretSource;
import io.gatehouse.vaultbroker.repository.SecretSourcesFileLoader;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sets up the Vault store when the sources file names Vault sources: logs in, reads every source once
 * (a source Vault refuses stops the start, naming resource and path) and renews, refreshes and revokes on a
 * schedule of its own (never on an event loop). Without a sources file nothing here contacts Vault.
 */
@Startup
@ApplicationScoped
public class VaultBackend {

    private static final Logger LOG = Logger.getLogger(VaultBackend.class);

    private final Optional<VaultSecretStore> store;
    private final VaultSession session;
    private final ScheduledExecutorService maintenance;
    private final boolean revokeOnShutdown;

    public VaultBackend(BrokerConfig config, SecretSourcesFileLoader loader) {
        Map<String, SecretSource> sources = config.sources().file().map(loader::load).orElse(Map.of());
        BrokerConfig.Vault vault = config.vault();
        this.revokeOnShutdown = vault.revokeOnShutdown();
        if (sources.isEmpty()) {
            vault.url().ifPresent(url -> LOG.warnf("%s is set but no %s names a Vault source; Vault is not used",
                    BrokerConfig.VAULT_URL_KEY, BrokerConfig.SOURCES_FILE_KEY));
            this.store = Optional.empty();
            this.session = null;
            this.maintenance = null;
            return;
        }
        URI url = URI.create(vault.url().filter(u -> !u.isBlank()).orElseThrow(() -> new IllegalStateException(
                BrokerConfig.describeKey(BrokerConfig.VAULT_URL_KEY) + " is not set, but the sources file names Vault"
                        + " sources for " + sources.keySet())));
        Clock clock = Clock.systemUTC();
        VaultHttp http = new VaultHttp(url, vault.connectTimeout(), vault.requestTimeout());
        this.session = new VaultSession(http, VaultAuthMethods.from(vault.auth()), clock);
        VaultSecretStore vaultStore = new VaultSecretStore(sources, new VaultSecretReader(http, session), clock,
                vault.requestTimeout().multipliedBy(3));
        validate(url, sources, vaultStore);
        this.store = Optional.of(vaultStore);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vault-lease-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        long every = vault.maintenanceInterval().toMillis();
        maintenance.scheduleWithFixedDelay(this::maintain, every, every, TimeUnit.MILLISECONDS);
    }

    /** @throws IllegalStateException naming every resource and path Vault refuses */
    static void validate(URI url, Map<String, SecretSource> sources, VaultSecretStore store) {
        List<String> problems;
        try {
            problems = store.validate();
        } catch (VaultUnreachableException e) {
            LOG.warnf("Vault at %s is not reachable at start (%s); resources %s are unavailable until it is",
                    url, e.getMessage(), sources.keySet());
            return;
        } catch (VaultRequestException e) {
            throw new IllegalStateException("cannot log in to Vault at " + url + ": " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the secret sources cannot be read from Vault at " + url + ":\n  "
                    + String.join("\n  ", problems));
        }
        LOG.infof("Vault at %s serves the credentials of %s", url, sources.keySet());
    }

    private void maintain() {
        try {
            session.maintain();
        } catch (RuntimeException e) {
            LOG.warnf("could not renew the Vault token: %s", e.getMessage());
        }
        try {
            store.orElseThrow().maintain();
        } catch (RuntimeException e) {
            LOG.warnf("lease maintenance failed: %s", e.getClass().getSimpleName());
        }
    }

    /** The Vault store, when Vault sources are configured. */
    public Optional<VaultSecretStore> store() {
        return store;
    }

    @PreDestroy
    void stop() {
        if (maintenance != null) {
            maintenance.shutdownNow();
        }
        store.ifPresent(vaultStore -> vaultStore.shutdown(revokeOnShutdown));
        if (session != null) {
            session.close();
        }
    }
}
