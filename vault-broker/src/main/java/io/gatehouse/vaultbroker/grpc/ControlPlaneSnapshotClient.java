package io.gatehouse.vaultbroker.grpc;

import io.gatehouse.proto.config.v1.ConfigDiscoveryService;
import io.gatehouse.proto.config.v1.ConfigSnapshot;
import io.gatehouse.proto.config.v1.SnapshotRequest;
import io.gatehouse.vaultbroker.config.BrokerConfig;
import io.gatehouse.vaultbroker.service.SnapshotApplier;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Follows the control plane's config snapshots (when a control plane is configured) and answers each with an
 * ACK, or a NACK naming the sources Vault refused, so the operator sees in the control plane why the broker
 * kept its previous configuration. Reconnects with backoff; snapshots are applied on a worker thread because
 * checking them talks to Vault.
 */
@ApplicationScoped
public class ControlPlaneSnapshotClient {

    private static final Logger LOG = Logger.getLogger(ControlPlaneSnapshotClient.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final ConfigDiscoveryService controlPlane;
    private final SnapshotApplier applier;
    private final boolean enabled;
    private final String nodeId;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "config-stream-reconnect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Duration backoff = MIN_BACKOFF;
    private volatile Cancellable subscription;
    private volatile boolean connected;
    private volatile boolean stopping;
    private volatile String appliedVersion = "";

    public ControlPlaneSnapshotClient(@GrpcClient("controlplane") @RegisterClientInterceptor(JoinTokenClientInterceptor.class)
                                      ConfigDiscoveryService controlPlane, SnapshotApplier applier, BrokerConfig config) {
        this.controlPlane = controlPlane;
        this.applier = applier;
        this.enabled = config.controlPlane().url().filter(url -> !url.isBlank()).isPresent();
        this.nodeId = config.controlPlane().nodeId();
        if (enabled && config.controlPlane().joinToken().filter(token -> !token.isBlank()).isEmpty()) {
            throw new IllegalStateException(BrokerConfig.CONTROL_PLANE_JOIN_TOKEN_KEY + " (environment variable "
                    + "GATEHOUSE_BROKER_CONTROL_PLANE_JOIN_TOKEN) is not set: with a control plane the broker needs a"
                    + " join token (one of gatehouse.control-plane.join-tokens on the control plane)");
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            LOG.infof("taking resources and credential sources from the control plane's config snapshots as node %s", nodeId);
            connect();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        Cancellable current = subscription;
        if (current != null) {
            current.cancel();
        }
        scheduler.shutdownNow();
    }

    private void connect() {
        if (stopping) {
            return;
        }
        UnicastProcessor<SnapshotRequest> requests = UnicastProcessor.create();
        requests.onNext(SnapshotRequest.newBuilder().setNodeId(nodeId).setVersionInfo(appliedVersion).build());
        subscription = controlPlane.streamSnapshots(requests)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(
                        snapshot -> onSnapshot(snapshot, requests),
                        failure -> onStreamEnded(requests, failure.getMessage()),
                        () -> onStreamEnded(requests, "stream closed by the control plane"));
    }

    private void onSnapshot(ConfigSnapshot snapshot, UnicastProcessor<SnapshotRequest> requests) {
        backoff = MIN_BACKOFF;
        if (!connected) {
            LOG.infof("connected to the control plane");
            connected = true;
        }
        SnapshotRequest.Builder answer = SnapshotRequest.newBuilder().setNodeId(nodeId).setResponseNonce(snapshot.getNonce());
        List<String> problems = applier.apply(snapshot.getVersion(), SnapshotResourceMapper.resources(snapshot));
        if (problems.isEmpty()) {
            appliedVersion = snapshot.getVersion();
        } else {
            answer.setErrorDetail("the vault broker cannot use this config: " + String.join("; ", problems));
        }
        requests.onNext(answer.setVersionInfo(appliedVersion).build());
    }

    private void onStreamEnded(UnicastProcessor<SnapshotRequest> requests, String reason) {
        requests.onComplete();
        if (stopping) {
            return;
        }
        if (connected) {
            LOG.warnf("lost the control plane (%s); keeping config version %s while reconnecting", reason,
                    appliedVersion.isEmpty() ? "none" : appliedVersion);
            connected = false;
        }
        Duration delay = backoff;
        backoff = delay.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay.multipliedBy(2);
        scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
