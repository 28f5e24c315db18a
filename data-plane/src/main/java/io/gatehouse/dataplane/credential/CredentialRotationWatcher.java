package io.gatehouse.dataplane.credential;

import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.identity.NodeTokenClientInterceptor;
import io.gatehouse.dataplane.identity.NodeTokens;
import io.gatehouse.dataplane.retry.Backoff;
import io.gatehouse.dataplane.retry.DaemonScheduler;
import io.gatehouse.proto.credential.v1.CredentialRotated;
import io.gatehouse.proto.credential.v1.CredentialService;
import io.gatehouse.proto.credential.v1.WatchRotationsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Follows the vault broker's rotation announcements and drops the cached credential of each rotated
 * resource, so the next call fetches the new one instead of using the old one until its lease ends. After
 * every (re)connection all cached credentials are dropped, since announcements may have been missed.
 */
@ApplicationScoped
public class CredentialRotationWatcher {

    private static final Logger LOG = Logger.getLogger(CredentialRotationWatcher.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final CredentialService broker;
    private final NodeTokens nodeTokens;
    private final CredentialCache cache;
    private final String dataPlaneId;
    private final ScheduledExecutorService scheduler = DaemonScheduler.named("credential-rotation-watch");
    private final Backoff backoff = new Backoff(MIN_BACKOFF, MAX_BACKOFF);
    private volatile Cancellable subscription;
    private volatile boolean stopping;
    private volatile boolean announcedOutage;

    public CredentialRotationWatcher(@GrpcClient("broker") @RegisterClientInterceptor(NodeTokenClientInterceptor.class)
                                     CredentialService broker, NodeTokens nodeTokens, CredentialCache cache,
                                     DataPlaneConfig config) {
        this.broker = broker;
        this.nodeTokens = nodeTokens;
        this.cache = cache;
        this.dataPlaneId = config.dataPlane().id();
    }

    void onStart(@Observes StartupEvent event) {
        scheduler.execute(this::connect);
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
        subscription = nodeTokens.usable()
                .onItem().transformToMulti(token -> broker.watchRotations(
                        WatchRotationsRequest.newBuilder().setDataPlaneId(dataPlaneId).build()))
                .subscribe().with(this::onRotation, this::onBroken, () -> onBroken(
                        Status.UNAVAILABLE.withDescription("stream completed").asRuntimeException()));
    }

    private void onRotation(CredentialRotated rotated) {
        backoff.reset();
        if (rotated.getResource().isEmpty()) {
            // the broker's greeting on a new stream: rotations may have been missed before it
            cache.forgetAll();
            LOG.infof("following the vault broker's credential rotations%s", announcedOutage ? " again" : "");
            announcedOutage = false;
            return;
        }
        cache.forget(rotated.getResource());
        LOG.infof("the credential of resource %s was rotated; the cached copy is dropped", rotated.getResource());
    }

    private void onBroken(Throwable failure) {
        if (stopping) {
            return;
        }
        Status status = failure instanceof StatusRuntimeException sre ? sre.getStatus() : Status.fromThrowable(failure);
        if (status.getCode() == Status.Code.UNAUTHENTICATED) {
            nodeTokens.replace().subscribe().with(token -> { }, ignored -> { });
        }
        if (!announcedOutage) {
            LOG.warnf("the vault broker's rotation stream is down (%s); reconnecting with backoff, cached credentials"
                    + " are dropped when it is back", status.getCode());
            announcedOutage = true;
        }
        Duration wait = backoff.next();
        scheduler.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
