package io.gatehouse.controlplane.grpc;

import io.gatehouse.controlplane.service.AssertionKeys;
import io.gatehouse.controlplane.service.ConfigStreamMetrics;
import io.gatehouse.controlplane.service.DataPlaneRegistry;
import io.gatehouse.controlplane.service.SnapshotPublisher;
import io.gatehouse.proto.config.v1.ConfigDiscoveryService;
import io.gatehouse.proto.config.v1.ConfigSnapshot;
import io.gatehouse.proto.config.v1.SnapshotRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;

/** Streams config snapshots to data planes and records their ACK/NACKs (see {@link ConfigStreamSession}). */
@GrpcService
public class ConfigDiscoveryGrpcService implements ConfigDiscoveryService {

    private final SnapshotPublisher publisher;
    private final DataPlaneRegistry registry;
    private final SignedSnapshotMessages messages;
    private final ConfigStreamMetrics metrics;
    private final AssertionKeys assertionKeys;

    public ConfigDiscoveryGrpcService(SnapshotPublisher publisher, DataPlaneRegistry registry, SignedSnapshotMessages messages,
                                      ConfigStreamMetrics metrics, AssertionKeys assertionKeys) {
        this.assertionKeys = assertionKeys;
        this.publisher = publisher;
        this.registry = registry;
        this.messages = messages;
        this.metrics = metrics;
    }

    @Override
    public Multi<ConfigSnapshot> streamSnapshots(Multi<SnapshotRequest> requests) {
        return Multi.createFrom().emitter(emitter ->
                new ConfigStreamSession(emitter, publisher, registry, messages, metrics, assertionKeys).start(requests));
    }
}
