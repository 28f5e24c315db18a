package io.gatehouse.dataplane.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Refuses to start without the settings the data plane cannot work without, naming what to set. */
@Singleton
public class RequiredSettingsCheck {

    void check(@Observes @jakarta.annotation.Priority(1) StartupEvent event, DataPlaneConfig config) {
        if (config.controlPlane().joinToken().filter(token -> !token.isBlank()).isEmpty()) {
            throw new IllegalStateException("gatehouse.control-plane.join-token is not set: set GATEHOUSE_CONTROL_PLANE_JOIN_TOKEN"
                    + " to the join token of this data plane's pool (one of gatehouse.control-plane.join-tokens on the"
                    + " control plane); the data plane authenticates to the control plane with it and receives its"
                    + " node token for the vault broker in exchange");
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
