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
    }
}
