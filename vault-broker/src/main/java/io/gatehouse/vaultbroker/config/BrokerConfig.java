package io.gatehouse.vaultbroker.config;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Settings under {@code gatehouse.broker}. Required settings are checked by the beans that use them, with a clear message. */
@ConfigMapping(prefix = "gatehouse.broker")
public interface BrokerConfig {

    String DATA_PLANE_TOKENS_KEY = "gatehouse.broker.data-plane-tokens";
    String STATIC_STORE_FILE_KEY = "gatehouse.broker.static-store.file";

    /** Tokens that identify data planes, comma-separated. At least one is required. */
    Optional<List<String>> dataPlaneTokens();

    StaticStore staticStore();

    /** The built-in static secret store. */
    interface StaticStore {

        /** YAML file with the secrets, see README.md. Required. */
        Optional<Path> file();
    }

    /** The environment variable that sets {@code key}. */
    static String envVarOf(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
