package io.gatehouse.controlplane.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.Optional;

/** The web console's settings, under {@code gatehouse.control-plane.console}. */
@ConfigMapping(prefix = "gatehouse.control-plane.console")
public interface ConsoleConfig {

    /** Serve the console at {@code /console}; when false every console path answers 404. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The approval service's HTTP base URL (e.g. http://approval-service:8082). The console's approvals page
     * goes through the control plane to it, with the signed-in user's own access token; without it that page
     * says approvals are not configured.
     */
    Optional<URI> approvalServiceUrl();
}
