package io.gatehouse.vaultbroker.repository.vault;

import io.gatehouse.vaultbroker.config.BrokerConfig;
import io.gatehouse.vaultbroker.model.SecretSource;
import io.gatehouse.vaultbroker.repository.SecretSourcesFileLoader;
import io.gatehouse.vaultbroker.service.RotationAnnouncer;
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
 * Sets up the Vault store when Vault is configured ({@code gatehouse.broker.vault.url}): logs in on first use,
 * and renews, refreshes and revokes on a schedule of its own (never on an event loop). Its sources come from
 * the sources file (read and checked at start: a source Vault refuses stops the start, naming resource and path)
 * or from the control plane's snapshots ({@link #replaceSources}). Without a Vault URL nothing here contacts Vault.
 */
@Startup
@ApplicationScoped
public class VaultBackend {

    private static final Logger LOG = Logger.getLogger(VaultBackend.class);

    private final Optional<VaultSecretStore> store;
    private final VaultSession session;
    private final ScheduledExecutorService maintenance;
    private final boolean revokeOnShutdown;

    public VaultBackend(BrokerConfig config, SecretSourcesFileLoader loader, RotationAnnouncer rotations) {
        boolean fromControlPlane = config.controlPlane().url().filter(url -> !url.isBlank()).isPresent();
        Map<String, SecretSource> sources = fromControlPlane ? Map.of()
                : config.sources().file().map(loader::load).orElse(Map.of());
        BrokerConfig.Vault vault = config.vault();
        this.revokeOnShutdown = vault.revokeOnShutdown();
        Optional<String> configuredUrl = vault.url().filter(u -> !u.isBlank());
        if (configuredUrl.isEmpty()) {
            if (!sources.isEmpty()) {
                throw new IllegalStateException(BrokerConfig.describeKey(BrokerConfig.VAULT_URL_KEY) + " is not set,"
                        + " but the sources file names Vault sources for " + sources.keySet());
            }
            this.store = Optional.empty();
            this.session = null;
            this.maintenance = null;
            return;
        }
        URI url = URI.create(configuredUrl.get());
        Clock clock = Clock.systemUTC();
        VaultHttp http = new VaultHttp(url, vault.connectTimeout(), vault.requestTimeout());
        this.session = new VaultSession(http, VaultAuthMethods.from(vault.auth()), clock);
        VaultSecretStore vaultStore = new VaultSecretStore(sources, new VaultSecretReader(http, session), clock,
                vault.requestTimeout().multipliedBy(3), rotations::announce);
        if (!sources.isEmpty()) {
            validate(url, sources, vaultStore);
        }
        this.store = Optional.of(vaultStore);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vault-lease-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        long every = vault.maintenanceInterval().toMillis();
        maintenance.scheduleWithFixedDelay(this::maintain, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Installs the Vault sources the control plane's snapshot names.
     *
     * @return the problems (a source Vault refuses, or Vault not configured); nothing changes when there are any
     */
    public List<String> replaceSources(Map<String, SecretSource> sources) {
        if (store.isEmpty()) {
            return sources.isEmpty() ? List.of() : List.of("resources " + new java.util.TreeSet<>(sources.keySet())
                    + " name Vault sources, but this vault broker has no Vault configured ("
                    + BrokerConfig.describeKey(BrokerConfig.VAULT_URL_KEY) + ")");
        }
        return store.get().replaceSources(sources);
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
        if (store.orElseThrow().isEmpty()) {
            return;
        }
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
