package io.gatehouse.controlplane.grpc;

import io.gatehouse.controlplane.domain.PolicySnapshot;
import io.gatehouse.controlplane.security.AssertionKeyRegistration;
import io.gatehouse.controlplane.service.AssertionKeys;
import io.gatehouse.controlplane.service.ConfigStreamMetrics;
import io.gatehouse.controlplane.service.DataPlaneRegistry;
import io.gatehouse.controlplane.service.SnapshotPublisher;
import io.gatehouse.proto.config.v1.ConfigSnapshot;
import io.gatehouse.proto.config.v1.SnapshotRequest;
import io.grpc.Status;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One data plane's config stream: registers the node (and the key it signs identity assertions with) on
 * its first request, sends the current snapshot and every newer one, and records the ACK/NACK of each
 * sent nonce. The first snapshot is sent only once the assertion key is stored, so a data plane never
 * serves with a key upstreams cannot find.
 */
final class ConfigStreamSession {

    private static final Logger LOG = Logger.getLogger(ConfigStreamSession.class);
    /** Nonces remembered per stream to name the version an ACK/NACK refers to. */
    private static final int REMEMBERED_NONCES = 16;

    private final MultiEmitter<? super ConfigSnapshot> emitter;
    private final SnapshotPublisher publisher;
    private final DataPlaneRegistry registry;
    private final SignedSnapshotMessages messages;
    private final ConfigStreamMetrics metrics;
    private final AssertionKeys assertionKeys;
    private final Map<String, String> versionsByNonce = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_NONCES;
        }
    };

    private String nodeId;
    /** The data plane's assertion key id; null if it sent none. */
    private String assertionKid;
    /** Set once the assertion key is stored: no snapshot is sent before. */
    private volatile boolean keyStored;
    private long streamId;
    private long lastSentGeneration;
    private Cancellable requestSubscription;
    private Cancellable publicationSubscription;

    ConfigStreamSession(MultiEmitter<? super ConfigSnapshot> emitter, SnapshotPublisher publisher,
                        DataPlaneRegistry registry, SignedSnapshotMessages messages, ConfigStreamMetrics metrics,
                        AssertionKeys assertionKeys) {
        this.emitter = emitter;
        this.assertionKeys = assertionKeys;
        this.metrics = metrics;
        this.publisher = publisher;
        this.registry = registry;
        this.messages = messages;
    }

    void start(Multi<SnapshotRequest> requests) {
        emitter.onTermination(this::close);
        requestSubscription = requests.subscribe().with(this::onRequest, this::onRequestsFailed, emitter::complete);
    }

    private synchronized void onRequest(SnapshotRequest request) {
        if (nodeId == null) {
            onFirstRequest(request);
        } else if (!request.getResponseNonce().isEmpty()) {
            onResponse(request);
        }
    }

    private void onFirstRequest(SnapshotRequest request) {
        if (request.getNodeId().isBlank()) {
            emitter.fail(Status.INVALID_ARGUMENT
                    .withDescription("the first SnapshotRequest of a stream must carry node_id")
                    .asRuntimeException());
            return;
        }
        AssertionKeyRegistration assertionKey;
        try {
            assertionKey = request.hasAssertionKey() ? AssertionKeyRegistration.of(request.getNodeId(),
                    request.getAssertionKey().getKeyId(), request.getAssertionKey().getPublicKey().toByteArray()) : null;
        } catch (IllegalArgumentException e) {
            emitter.fail(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        nodeId = request.getNodeId();
        assertionKid = assertionKey == null ? null : assertionKey.kid();
        streamId = registry.connected(nodeId);
        metrics.nodeSeen(nodeId);
        LOG.infof("Data plane %s opened a config stream (holds version '%s'%s)", nodeId, request.getVersionInfo(),
                assertionKey == null ? "" : ", assertion key " + assertionKey.kid());
        publicationSubscription = publisher.publications().subscribe().with(this::send);
        // publications before the key is stored are not sent; the current snapshot, read after, is at least as new
        Uni.createFrom().item(() -> {
                    if (assertionKey != null) {
                        assertionKeys.register(assertionKey);
                    }
                    keyStored = true;
                    return publisher.current();
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(this::send, this::failUnavailable);
    }

    private void onResponse(SnapshotRequest request) {
        String nonce = request.getResponseNonce();
        String version = versionsByNonce.getOrDefault(nonce, request.getVersionInfo());
        if (assertionKid != null) {
            String kid = assertionKid;
            Infrastructure.getDefaultWorkerPool().execute(() -> assertionKeys.seen(kid));
        }
        if (request.getErrorDetail().isEmpty()) {
            registry.acknowledged(nodeId, version);
            LOG.debugf("Data plane %s acknowledged snapshot %s (nonce %s)", nodeId, version, nonce);
        } else {
            registry.rejected(nodeId, version, request.getErrorDetail());
            LOG.warnf("Data plane %s rejected snapshot %s (nonce %s) and keeps version '%s': %s", nodeId,
                    version, nonce, request.getVersionInfo(),
                    request.getErrorDetail());
        }
    }

    /** Sends a snapshot unless a newer one was already sent on this stream. */
    private synchronized void send(PolicySnapshot snapshot) {
        if (!keyStored || snapshot.generation() <= lastSentGeneration || emitter.isCancelled()) {
            return;
        }
        lastSentGeneration = snapshot.generation();
        String nonce = UUID.randomUUID().toString();
        versionsByNonce.put(nonce, snapshot.version());
        emitter.emit(messages.forSending(snapshot, nonce));
        registry.sent(nodeId, snapshot.version());
    }

    private void failUnavailable(Throwable failure) {
        LOG.errorf(failure, "Could not build the config snapshot for data plane %s", nodeId);
        emitter.fail(Status.UNAVAILABLE.withDescription("the config snapshot is not available; retry later")
                .asRuntimeException());
    }

    private void onRequestsFailed(Throwable failure) {
        LOG.debugf(failure, "Config stream of data plane %s ended by the client", nodeId);
        emitter.complete();
    }

    private synchronized void close() {
        if (requestSubscription != null) {
            requestSubscription.cancel();
        }
        if (publicationSubscription != null) {
            publicationSubscription.cancel();
        }
        if (nodeId != null) {
            registry.disconnected(nodeId, streamId);
            LOG.infof("Config stream of data plane %s closed", nodeId);
        }
    }
}
