package io.gatehouse.dataplane.snapshot;

import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.masking.HashTokenizer;
import io.gatehouse.dataplane.masking.MaskingRuleCompiler;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import io.gatehouse.proto.config.v1.ConfigDiscoveryService;
import io.gatehouse.proto.config.v1.ConfigSnapshot;
import io.gatehouse.proto.config.v1.SnapshotRequest;
import io.gatehouse.proto.config.v1.AssertionKey;
import io.gatehouse.dataplane.assertion.AssertionSigningKey;
import com.google.protobuf.ByteString;
import io.gatehouse.dataplane.identity.JoinTokenClientInterceptor;
import io.gatehouse.dataplane.retry.Backoff;
import io.gatehouse.dataplane.retry.DaemonScheduler;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this replica's policy in step with the control plane: streams snapshots, applies each one
 * that is valid (and keeps a copy on disk), answers ACK or NACK, and reconnects with backoff when
 * the stream breaks. At start, a copy on disk is enforced until the control plane answers.
 */
@ApplicationScoped
public class ConfigStreamClient {

    private static final Logger LOG = Logger.getLogger(ConfigStreamClient.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(15);

    private final ConfigDiscoveryService controlPlane;
    private final PolicyHolder policy;
    private final LastGoodSnapshotFile lastGood;
    private final String nodeId;
    private final String controlPlaneAddress;
    private final MaskingRuleCompiler masking;
    private final SnapshotSignatureVerifier signatures;
    private final ConfigSnapshotMetrics metrics;
    private final AssertionKey assertionKey;
    private final ScheduledExecutorService scheduler = DaemonScheduler.named("config-stream-reconnect");
    private final Backoff backoff = new Backoff(MIN_BACKOFF, MAX_BACKOFF);
    private volatile Cancellable subscription;
    private volatile boolean stopping;

    public ConfigStreamClient(@GrpcClient("controlplane") @RegisterClientInterceptor(JoinTokenClientInterceptor.class)
                              ConfigDiscoveryService controlPlane, PolicyHolder policy,
                              DataPlaneConfig config, ConfigSnapshotMetrics metrics, AssertionSigningKey assertionKey) {
        this.controlPlane = controlPlane;
        this.assertionKey = AssertionKey.newBuilder().setKeyId(assertionKey.kid())
                .setPublicKey(ByteString.copyFrom(assertionKey.publicKeyInfo())).build();
        this.metrics = metrics;
        this.policy = policy;
        this.lastGood = new LastGoodSnapshotFile(Path.of(config.dataPlane().stateDir()));
        this.signatures = new SnapshotSignatureVerifier(trustedKeys(config));
        this.nodeId = config.dataPlane().id();
        this.controlPlaneAddress = config.replicas().controlPlaneTargets().filter(targets -> !targets.isBlank())
                .orElse(config.controlPlane().host() + ":" + config.controlPlane().grpcPort());
        this.masking = new MaskingRuleCompiler(config.masking().hashKey().filter(key -> !key.isBlank())
                .map(HashTokenizer::fromSecret));
    }

    private static SnapshotKeyStore trustedKeys(DataPlaneConfig config) {
        Optional<Path> pinned = config.controlPlane().snapshotKeysFile();
        try {
            return pinned.isPresent() ? SnapshotKeyStore.pinned(pinned.get())
                    : SnapshotKeyStore.learned(Path.of(config.dataPlane().stateDir()));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the control plane's snapshot keys (" + e.getMessage() + "). Fix or"
                    + " remove gatehouse.control-plane.snapshot-keys-file, or delete the learned keys file to trust the"
                    + " control plane's keys again on first contact", e);
        }
    }

    void onStart(@Observes StartupEvent event) {
        restoreLastGood();
        connect();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        Cancellable current = subscription;
        if (current != null) {
            current.cancel();
        }
        scheduler.shutdownNow();
    }

    private void restoreLastGood() {
        try {
            lastGood.read().ifPresentOrElse(stored -> {
                signatures.verifyFromDisk(stored.snapshot());
                PolicySnapshot snapshot = SnapshotMapper.toPolicy(stored.snapshot(), masking);
                policy.install(snapshot, stored.lastContact());
                LOG.infof("Enforcing last good config version %s from %s (control plane last reached %s) until the control plane answers",
                        snapshot.version(), lastGood.path(), stored.lastContact());
            }, () -> LOG.infof("No last good config at %s; refusing calls until the control plane at %s sends one",
                    lastGood.path(), controlPlaneAddress));
        } catch (IOException | RuntimeException e) {
            LOG.errorf("The last good config at %s cannot be read (%s); it is ignored. Delete it if the problem persists.",
                    lastGood.path(), e.getMessage());
        }
    }

    private void connect() {
        if (stopping) {
            return;
        }
        UnicastProcessor<SnapshotRequest> requests = UnicastProcessor.create();
        PolicySnapshot held = policy.current();
        requests.onNext(SnapshotRequest.newBuilder()
                .setNodeId(nodeId)
                .setVersionInfo(held == null ? "" : held.version())
                .setAssertionKey(assertionKey)
                .build());
        subscription = controlPlane.streamSnapshots(requests)
                .subscribe().with(
                        snapshot -> onSnapshot(snapshot, requests),
                        failure -> onStreamEnded(requests, failure.getMessage()),
                        () -> onStreamEnded(requests, "stream closed by the control plane"));
    }

    private void onSnapshot(ConfigSnapshot snapshot, UnicastProcessor<SnapshotRequest> requests) {
        backoff.reset();
        if (!policy.isConnected()) {
            LOG.infof("Connected to the control plane at %s", controlPlaneAddress);
        }
        policy.connectionUp();
        SnapshotRequest.Builder answer = SnapshotRequest.newBuilder().setNodeId(nodeId).setResponseNonce(snapshot.getNonce());
        try {
            signatures.verifyFromControlPlane(snapshot);
            PolicySnapshot applied = SnapshotMapper.toPolicy(snapshot, masking);
            PolicySnapshot previous = policy.current();
            policy.install(applied, Instant.now());
            persist(snapshot);
            answer.setVersionInfo(applied.version());
            metrics.applied();
            if (previous == null || !previous.version().equals(applied.version())) {
                LOG.infof("Applied config version %s (%d identities, %d resources)", applied.version(),
                        applied.identities().size(), applied.resourceCount());
            }
        } catch (InvalidSnapshotException e) {
            PolicySnapshot kept = policy.current();
            answer.setVersionInfo(kept == null ? "" : kept.version()).setErrorDetail(e.getMessage());
            metrics.rejected();
            LOG.warnf("Rejected config version %s: %s; keeping version %s", snapshot.getVersion(), e.getMessage(),
                    kept == null ? "none" : kept.version());
        }
        requests.onNext(answer.build());
    }

    private void persist(ConfigSnapshot snapshot) {
        try {
            lastGood.write(snapshot);
        } catch (IOException e) {
            LOG.errorf("Could not save the last good config to %s (%s); a restart without the control plane would find none",
                    lastGood.path(), e.getMessage());
        }
    }

    private void onStreamEnded(UnicastProcessor<SnapshotRequest> requests, String reason) {
        requests.onComplete();
        if (stopping) {
            return;
        }
        if (policy.isConnected()) {
            LOG.warnf("Lost the control plane at %s (%s); enforcing config version %s while reconnecting",
                    controlPlaneAddress, reason, policy.current() == null ? "none" : policy.current().version());
        } else {
            LOG.debugf("Control plane at %s not reachable: %s", controlPlaneAddress, reason);
        }
        policy.connectionDown();
        Duration delay = backoff.next();
        scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
