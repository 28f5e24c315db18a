package io.gatehouse.vaultbroker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings under {@code gatehouse.broker}. Required settings are checked by the beans that use them, with a clear message. */
@ConfigMapping(prefix = "gatehouse.broker")
public interface BrokerConfig {

    String DATA_PLANE_TOKENS_KEY = "gatehouse.broker.data-plane-tokens";
    String STATIC_STORE_FILE_KEY = "gatehouse.broker.static-store.file";
    String STATIC_STORE_KEY_KEY = "gatehouse.broker.static-store.key";
    String SOURCES_FILE_KEY = "gatehouse.broker.sources.file";
    String VAULT_URL_KEY = "gatehouse.broker.vault.url";

    /** Tokens that identify data planes, comma-separated. At least one is required. */
    Optional<List<String>> dataPlaneTokens();

    StaticStore staticStore();

    Sources sources();

    Vault vault();

    /** The built-in static secret store. */
    interface StaticStore {

        /** YAML file with the secrets, see README.md. Required unless a sources file is set. */
        Optional<Path> file();

        /** Base64 AES-256 key of an encrypted file. Set: the file must be encrypted. Unset: plain YAML. */
        Optional<String> key();
    }

    /** Which secret source backs which resource (Vault KV v2, database, leased secrets). */
    interface Sources {

        /** YAML file mapping resources to Vault sources, see README.md. Optional: without it only the static store serves. */
        Optional<Path> file();
    }

    /** HashiCorp Vault. Contacted only when a sources file names Vault sources. */
    interface Vault {

        /** Base address, e.g. {@code https://vault.example:8200}. Required when a source uses Vault. */
        Optional<String> url();

        /** Time to open a connection to Vault. */
        @WithDefault("2S")
        Duration connectTimeout();

        /** Time for one Vault request, from sending to the last byte of the answer. */
        @WithDefault("5S")
        Duration requestTimeout();

        /** How often leases and the Vault token are checked for renewal and superseded leases revoked. */
        @WithDefault("5S")
        Duration maintenanceInterval();

        /** Revoke the leases this broker holds when it stops. */
        @WithDefault("true")
        boolean revokeOnShutdown();

        VaultAuth auth();
    }

    /** How the broker logs in to Vault. */
    interface VaultAuth {

        /** {@code token}, {@code approle} or {@code kubernetes}. */
        @WithDefault("token")
        String method();

        /** The Vault token, for method {@code token}. */
        Optional<String> token();

        AppRole approle();

        Kubernetes kubernetes();
    }

    interface AppRole {

        @WithDefault("approle")
        String mount();

        Optional<String> roleId();

        Optional<String> secretId();
    }

    interface Kubernetes {

        @WithDefault("kubernetes")
        String mount();

        Optional<String> role();

        /** The service-account token presented to Vault. */
        @WithDefault("/var/run/secrets/kubernetes.io/serviceaccount/token")
        Path jwtFile();
    }

    /** The environment variable that sets {@code key}. */
    static String envVarOf(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** "key (environment variable KEY)", for messages. */
    static String describeKey(String key) {
        return key + " (environment variable " + envVarOf(key) + ")";
    }
}
