package io.gatehouse.dataplane.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Refuses to start without the settings the data plane cannot work without, naming what to set. */
@Singleton
public class RequiredSettingsCheck {

    void check(@Observes @jakarta.annotation.Priority(1) StartupEvent event, DataPlaneConfig config) {
        if (config.vaultBroker().token().filter(token -> !token.isBlank()).isEmpty()) {
            throw new IllegalStateException("gatehouse.vault-broker.token is not set: set GATEHOUSE_VAULT_BROKER_TOKEN to the "
                    + "data-plane token the vault broker accepts (gatehouse.broker.data-plane-tokens on the broker)");
        }
        config.masking().hashKey().filter(key -> !key.isBlank()).ifPresent(key -> {
            if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < io.gatehouse.dataplane.masking.HashTokenizer.MIN_KEY_BYTES) {
                throw new IllegalStateException("gatehouse.masking.hash-key is shorter than "
                        + io.gatehouse.dataplane.masking.HashTokenizer.MIN_KEY_BYTES
                        + " bytes: set GATEHOUSE_MASKING_HASH_KEY to a random secret, e.g. the output of openssl rand -base64 32");
            }
        });
    }
}
