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

    String CONTROL_PLANE_URL_KEY = "gatehouse.broker.control-plane.url";
    String CONTROL_PLANE_JOIN_TOKEN_KEY = "gatehouse.broker.control-plane.join-token";

    /**
     * Static tokens that identify data planes of the default pool, comma-separated. Required unless the control
     * plane is set (then data planes present the node tokens it signs).
     */
    Optional<List<String>> dataPlaneTokens();

    ControlPlane controlPlane();

    StaticStore staticStore();

    Sources sources();

    Vault vault();

    /**
     * The control plane. When its URL is set, the broker takes which resource's credential lives where, and which
     * data-plane pools may receive it, from the control plane's config snapshots (the sources file is not used),
     * verifies data planes' node tokens with the control plane's published keys, and sends its security events to
     * the control plane's audit store.
     */
    interface ControlPlane {

        /** Base HTTP URL, e.g. {@code http://control-plane:8081}; the JWKS is read from there. */
        Optional<String> url();

        /** Host of the control plane's gRPC API (config snapshots, audit ingestion). */
        @WithDefault("localhost")
        String grpcHost();

        @WithDefault("9081")
        int grpcPort();

        /** The join token the broker presents to the control plane's gRPC API. Required with the URL. */
        Optional<String> joinToken();

        /** The broker's node id in the control plane's view of its nodes. */
        @WithDefault("vault-broker")
        String nodeId();

        /** Time between two JWKS downloads caused by an unknown key id. */
        @WithDefault("10S")
        Duration jwksRefetchInterval();

        /** Clock skew allowed when checking node tokens' exp and nbf. */
        @WithDefault("30S")
        Duration clockSkew();
    }

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
