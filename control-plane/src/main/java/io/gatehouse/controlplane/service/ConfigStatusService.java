package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.ConfigStatus;
import io.gatehouse.controlplane.domain.PolicySnapshot;
import jakarta.enterprise.context.ApplicationScoped;

/** Summarizes the configuration being served: version, counts and where it came from. */
@ApplicationScoped
public class ConfigStatusService {

    private final SnapshotPublisher publisher;
    private final ControlPlaneConfig config;

    public ConfigStatusService(SnapshotPublisher publisher, ControlPlaneConfig config) {
        this.publisher = publisher;
        this.config = config;
    }

    /** Blocking the first time if no snapshot was built yet. */
    public ConfigStatus status() {
        PolicySnapshot snapshot = publisher.current();
        return new ConfigStatus(snapshot.version(), snapshot.generatedAt(),
                snapshot.content().identities().size(), snapshot.content().resources().size(),
                snapshot.content().grants().size(), config.configFile().map(Object::toString).orElse(null));
    }
}
