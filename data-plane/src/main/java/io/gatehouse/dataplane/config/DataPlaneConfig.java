package io.gatehouse.dataplane.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

import java.time.Duration;
import java.util.Optional;

/** All {@code gatehouse.*} settings of the data plane; defaults live in application.properties. */
@ConfigMapping(prefix = "gatehouse")
public interface DataPlaneConfig {

    Proxy proxy();

    DataPlane dataPlane();

    Auth auth();

    ControlPlane controlPlane();

    Approval approval();

    VaultBroker vaultBroker();

    Audit audit();

    Masking masking();

    OAuth2 oauth2();

    /**
     * Several replicas of the control plane and of the approval service; the gRPC clients use them through
     * {@code quarkus.grpc.clients.*} in application.properties, mapped here so the keys are known and can be logged.
     */
    @WithParentName
    Replicas replicas();

    /** {@code host[:port]} lists, tried in order; unset: the single {@code host} and {@code grpc-port}. */
    interface Replicas {
        /** {@code gatehouse.control-plane.targets}: control planes (config stream, audit shipping, node tokens). */
        @WithName("control-plane.targets")
        Optional<String> controlPlaneTargets();

        /** {@code gatehouse.approval.targets}: approval services (one database behind them). */
        @WithName("approval.targets")
        Optional<String> approvalTargets();
    }

    /** Access tokens the data plane buys for resources injected with OAuth2 client credentials. */
    interface OAuth2 {
        /** Connect and idle timeout of a token request. */
        Duration tokenTimeout();

        /** A token is bought anew this long before its {@code expires_in} ends. */
        Duration expiryMargin();

        /** How long a token is used when the endpoint names no {@code expires_in}. */
        Duration defaultLifetime();

        /** Largest token endpoint answer read. */
        int maxResponseSize();
    }

    interface Proxy {
        String host();

        int port();

        int maxHeaderSize();

        int maxInitialLineLength();

        /** Largest request body held in memory (only calls that need approval are buffered). */
        int maxBufferedBodySize();

        Duration connectTimeout();

        Duration defaultUpstreamTimeout();

        /** Caller connections held open at once (all event loops); more are answered 503 and closed. */
        int maxConnections();

        /** Pooled connections to one upstream (host and port), per event loop. */
        int upstreamMaxConnections();

        /** Calls that may wait for a pooled connection to one upstream, per event loop; more are refused with 503. */
        int upstreamMaxWaiting();

        /** CIDR blocks of peers whose X-Forwarded-For/-Proto/-Host and Forwarded are believed; none by default. */
        Optional<java.util.List<String>> trustedProxies();

        /** TLS on the proxy listener, and with it HTTP/2 (negotiated by ALPN); plain HTTP/1.1 unless both files are set. */
        Tls tls();

        /** Graceful shutdown. */
        Drain drain();
    }

    interface Drain {
        /** How long readiness is down, with calls still served, before new connections are refused. */
        Duration readyDelay();

        /** Longest wait for the calls in flight once new connections are refused. */
        Duration timeout();
    }

    interface Tls {
        /** PEM certificate chain of the proxy listener. */
        Optional<String> certFile();

        /** PEM private key (PKCS#8, or PKCS#1 RSA) of that certificate. */
        Optional<String> keyFile();

        /** Whether ALPN offers h2 besides http/1.1. */
        boolean http2();

        /** Streams one HTTP/2 connection may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS). */
        int http2MaxConcurrentStreams();
    }

    interface DataPlane {
        String id();

        String stateDir();

        /** How long the last good snapshot may be enforced without contact to the control plane. */
        Duration maxStaleness();
    }

    interface Auth {
        Duration clockSkew();

        /** Minimum time between two JWKS downloads of one issuer (unknown key ids trigger one). */
        Duration jwksRefetchInterval();

        int maxTokenSize();

        /**
         * JOSE {@code typ} values a caller's token may carry (an untyped token is always accepted);
         * compared case-insensitively, with or without "application/".
         */
        java.util.List<String> acceptedTokenTypes();
    }

    interface ControlPlane {
        String host();

        int grpcPort();

        /** The join token this node presents on every call to the control plane; it decides the node's pool. */
        Optional<String> joinToken();

        /**
         * A JWK Set (the control plane's {@code /.well-known/gatehouse/jwks.json}) whose keys alone may sign
         * snapshots. Without it the keys of the first snapshot are trusted and remembered in the state directory.
         */
        Optional<java.nio.file.Path> snapshotKeysFile();
    }

    interface Approval {
        String host();

        int grpcPort();

        Duration holdTimeout();

        Duration ttl();

        /** Where a caller can follow a pending approval; "{id}" is replaced by the approval id. */
        Optional<String> statusUrl();
    }

    interface VaultBroker {
        String host();

        int grpcPort();

        Duration renewMargin();
    }

    /** Response masking (the rules themselves come with each resource in the snapshot). */
    interface Masking {
        /** Key of the hash action's HMAC-SHA256 tokens; the same on every replica; at least 32 bytes. */
        Optional<String> hashKey();

        int maxDepth();

        int maxValueLength();

        int textWindow();

        int maxEventSize();

        long maxInflatedSize();

        int maxInflateRatio();
    }

    interface Audit {
        /** Events per batch sent to the control plane. */
        int batchSize();

        /** How often the spool is shipped. */
        Duration flushInterval();

        /** Query parameters whose values audit records never keep (compared case-insensitively). */
        java.util.List<String> redactedQueryParameters();

        Spool spool();

        /** The durable audit spool under {@code <state-dir>/audit}. */
        interface Spool {
            io.gatehouse.dataplane.audit.SyncPolicy sync();

            /** How often the spool is forced to the device with {@code sync=interval}. */
            Duration syncInterval();

            /** A segment file is closed and a new one begun past this size. */
            long segmentBytes();

            /** Unacknowledged bytes at which new calls are refused (503). */
            long highWaterBytes();

            /** Unacknowledged bytes below which calls are admitted again. */
            long lowWaterBytes();
        }
    }
}
