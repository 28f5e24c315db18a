package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.DataPlaneNode;
import io.gatehouse.controlplane.domain.PolicySnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The config stream's state as Prometheus metrics, read from the registry on each scrape: how many
 * data planes are connected and how many run the current snapshot, and per node whether it acknowledged
 * the current version and whether its last answer was a NACK. Node ids are the only label (one series
 * per data-plane replica). Values are read at each scrape.
 */
@ApplicationScoped
public class ConfigStreamMetrics {

    private final DataPlaneRegistry registry;
    private final SnapshotPublisher publisher;
    private final MeterRegistry meters;

    public ConfigStreamMetrics(DataPlaneRegistry registry, SnapshotPublisher publisher, MeterRegistry meters) {
        this.registry = registry;
        this.publisher = publisher;
        this.meters = meters;
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("gatehouse.config.data.planes.connected", this, metrics -> metrics.connected().size())
                .description("Data planes with an open config stream").register(meters);
        Gauge.builder("gatehouse.config.data.planes.in.sync", this, metrics -> metrics.connected().stream()
                        .filter(metrics::runsCurrent).count())
                .description("Connected data planes that acknowledged the current snapshot").register(meters);
    }

    /** Adds the node's own series the first time it connects (registering again is a no-op). */
    public void nodeSeen(String nodeId) {
        Gauge.builder("gatehouse.config.node.in.sync", this, metrics -> metrics.node(nodeId).filter(metrics::runsCurrent)
                        .isPresent() ? 1 : 0)
                .tag("node", nodeId)
                .description("1 when the node acknowledged the current snapshot, else 0").register(meters);
        Gauge.builder("gatehouse.config.node.nacked", this, metrics -> metrics.node(nodeId)
                        .filter(ConfigStreamMetrics::nacked).isPresent() ? 1 : 0)
                .tag("node", nodeId)
                .description("1 when the node's latest answer refused a snapshot, else 0").register(meters);
    }

    private Optional<DataPlaneNode> node(String nodeId) {
        return registry.nodes().stream().filter(node -> node.nodeId().equals(nodeId)).findFirst();
    }

    private List<DataPlaneNode> connected() {
        return registry.nodes().stream().filter(DataPlaneNode::connected).toList();
    }

    private boolean runsCurrent(DataPlaneNode node) {
        Optional<PolicySnapshot> current = publisher.currentIfBuilt();
        return current.isPresent() && Objects.equals(current.get().version(), node.lastAckedVersion());
    }

    private static boolean nacked(DataPlaneNode node) {
        return node.lastNackAt() != null && (node.lastAckedAt() == null || node.lastNackAt().isAfter(node.lastAckedAt()));
    }
}
