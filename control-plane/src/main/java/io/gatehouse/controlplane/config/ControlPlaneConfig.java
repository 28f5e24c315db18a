package io.gatehouse.controlplane.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The control plane's own settings, under {@code gatehouse.control-plane}. */
@ConfigMapping(prefix = "gatehouse.control-plane")
public interface ControlPlaneConfig {

    /** Declarative YAML applied at start; without it the policy model is left empty. */
    Optional<Path> configFile();

    /**
     * How often the snapshot is rebuilt from the database even without an apply, so that an
     * identity passing its expiry reaches the data planes as EXPIRED.
     */
    @WithDefault("60S")
    Duration snapshotRefreshInterval();
}
