package io.gatehouse.vaultbroker.repository;

import io.gatehouse.vaultbroker.config.BrokerConfig;
import io.gatehouse.vaultbroker.model.StoredCredential;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in secret store: secrets read once at start from the YAML file named by
 * {@code gatehouse.broker.static-store.file}. The broker does not start when the file cannot be used. Optional
 * (empty) when a secret sources file is set.
 */
@Startup
@ApplicationScoped
@Typed(StaticSecretStore.class)
public class StaticSecretStore implements SecretStore {

    private static final Logger LOG = Logger.getLogger(StaticSecretStore.class);

    private final Map<String, StoredCredential> credentials;

    public StaticSecretStore(BrokerConfig config, StaticStoreFileLoader loader) {
        Optional<Path> file = config.staticStore().file();
        boolean otherSources = config.sources().file().isPresent()
                || config.controlPlane().url().filter(url -> !url.isBlank()).isPresent();
        if (file.isEmpty() && otherSources) {
            this.credentials = Map.of();
            LOG.infof("no static secret store file; credentials come from Vault only");
            return;
        }
        Optional<byte[]> key = config.staticStore().key().filter(k -> !k.isBlank()).map(k -> parseKey(k));
        this.credentials = loader.load(file.orElseThrow(() -> new IllegalStateException(
                BrokerConfig.describeKey(BrokerConfig.STATIC_STORE_FILE_KEY) + " is not set: it must name the YAML"
                        + " file with the secrets of the static store (or set " + BrokerConfig.SOURCES_FILE_KEY
                        + " to take every credential from Vault)")), key);
        key.ifPresent(bytes -> java.util.Arrays.fill(bytes, (byte) 0));
        if (key.isEmpty()) {
            LOG.infof("the static secret store file is plain YAML; set %s to require an encrypted one",
                    BrokerConfig.describeKey(BrokerConfig.STATIC_STORE_KEY_KEY));
        }
        LOG.infof("static secret store loaded from '%s': credentials for %s", file.get(), credentials.keySet());
    }

    private static byte[] parseKey(String base64) {
        try {
            return StaticStoreCipher.parseKey(base64);
        } catch (StaticStoreCipher.CipherProblem e) {
            throw new IllegalStateException(BrokerConfig.describeKey(BrokerConfig.STATIC_STORE_KEY_KEY) + ": "
                    + e.getMessage());
        }
    }

    public Set<String> resources() {
        return credentials.keySet();
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
