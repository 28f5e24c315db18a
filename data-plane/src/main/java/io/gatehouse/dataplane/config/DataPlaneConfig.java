package io.gatehouse.dataplane.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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

    interface Proxy {
        String host();

        int port();

        int maxHeaderSize();

        int maxInitialLineLength();

        /** Largest request body held in memory (only calls that need approval are buffered). */
        int maxBufferedBodySize();

        Duration connectTimeout();

        Duration defaultUpstreamTimeout();
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
    }

    interface ControlPlane {
        String host();

        int grpcPort();
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

        Optional<String> token();

        Duration renewMargin();
    }

    interface Audit {
        @WithDefault("100000")
        int queueCapacity();

        int batchSize();

        Duration flushInterval();
    }
}
