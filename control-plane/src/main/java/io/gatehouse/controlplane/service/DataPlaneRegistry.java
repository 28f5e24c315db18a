package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.DataPlaneNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What each data plane did with its config stream: connected since, last version sent, last
 * version acknowledged, last rejection. In memory: it describes the live streams of this process.
 */
@ApplicationScoped
public class DataPlaneRegistry {

    private final Map<String, NodeState> nodes = new ConcurrentHashMap<>();
    private final AtomicLong streamIds = new AtomicLong();
    private final Clock clock;

    public DataPlaneRegistry(Clock clock) {
        this.clock = clock;
    }

    /** @return the id of this stream, to be given back on {@link #disconnected} */
    public long connected(String nodeId) {
        long streamId = streamIds.incrementAndGet();
        update(nodeId, state -> {
            state.streamId = streamId;
            state.connected = true;
            state.connectedSince = clock.instant();
            state.disconnectedAt = null;
        });
        return streamId;
    }

    public void sent(String nodeId, String version) {
        update(nodeId, state -> {
            state.lastSentVersion = version;
            state.lastSentAt = clock.instant();
        });
    }

    public void acknowledged(String nodeId, String version) {
        update(nodeId, state -> {
            state.lastAckedVersion = version;
            state.lastAckedAt = clock.instant();
        });
    }

    public void rejected(String nodeId, String version, String error) {
        update(nodeId, state -> {
            state.lastNackedVersion = version;
            state.lastNackError = error;
            state.lastNackAt = clock.instant();
        });
    }

    /** Marks the node disconnected unless it has reconnected on a newer stream meanwhile. */
    public void disconnected(String nodeId, long streamId) {
        update(nodeId, state -> {
            if (state.streamId == streamId) {
                state.connected = false;
                state.disconnectedAt = clock.instant();
            }
        });
    }

    public List<DataPlaneNode> nodes() {
        return nodes.values().stream()
                .map(NodeState::snapshot)
                .sorted(Comparator.comparing(DataPlaneNode::nodeId))
                .toList();
    }

    private void update(String nodeId, Consumer<NodeState> change) {
        NodeState state = nodes.computeIfAbsent(nodeId, NodeState::new);
        synchronized (state) {
            change.accept(state);
        }
    }

    private static final class NodeState {
        private final String nodeId;
        private long streamId;
        private boolean connected;
        private Instant connectedSince;
        private Instant disconnectedAt;
        private String lastSentVersion;
        private Instant lastSentAt;
        private String lastAckedVersion;
        private Instant lastAckedAt;
        private String lastNackedVersion;
        private String lastNackError;
        private Instant lastNackAt;

        private NodeState(String nodeId) {
            this.nodeId = nodeId;
        }

        private synchronized DataPlaneNode snapshot() {
            return new DataPlaneNode(nodeId, connected, connectedSince, disconnectedAt, lastSentVersion, lastSentAt,
                    lastAckedVersion, lastAckedAt, lastNackedVersion, lastNackError, lastNackAt);
        }
    }
}
