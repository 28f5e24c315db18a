package io.gatehouse.vaultbroker.repository;

import io.gatehouse.vaultbroker.config.BrokerConfig;
import io.gatehouse.vaultbroker.model.StoredCredential;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in secret store: secrets read once at start from the YAML file named by
 * {@code gatehouse.broker.static-store.file}. The broker does not start when the file cannot be used.
 */
@Startup
@ApplicationScoped
public class StaticSecretStore implements SecretStore {

    private static final Logger LOG = Logger.getLogger(StaticSecretStore.class);

    private final Map<String, StoredCredential> credentials;

    public StaticSecretStore(BrokerConfig config, StaticStoreFileLoader loader) {
        Path file = config.staticStore().file().orElseThrow(() -> new IllegalStateException(
                BrokerConfig.STATIC_STORE_FILE_KEY + " (environment variable "
                        + BrokerConfig.envVarOf(BrokerConfig.STATIC_STORE_FILE_KEY)
                        + ") is not set: it must name the YAML file with the secrets of the static store"));
        this.credentials = loader.load(file);
        LOG.infof("static secret store loaded from '%s': credentials for %s", file, credentials.keySet());
    }

    @Override
    public Optional<StoredCredential> find(String resource) {
        return Optional.ofNullable(credentials.get(resource)).map(StoredCredential::copy);
    }

    @PreDestroy
    void wipe() {
        credentials.values().forEach(credential -> credential.secret().clear());
    }
}
