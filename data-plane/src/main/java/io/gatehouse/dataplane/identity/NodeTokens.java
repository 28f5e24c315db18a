package io.gatehouse.dataplane.identity;

import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.retry.Backoff;
import io.gatehouse.dataplane.retry.DaemonScheduler;
import io.gatehouse.proto.config.v1.DataPlaneIdentityService;
import io.gatehouse.proto.config.v1.IssueNodeTokenRequest;
import io.gatehouse.proto.config.v1.NodeToken;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This node's signed token from the control plane, which the vault broker requires. Fetched at start,
 * renewed after half of its lifetime, and fetched again at once when the broker refuses it. While the
 * control plane cannot be reached the current token is kept until it expires and the fetch is retried with
 * backoff. Concurrent demands share one fetch. The token is kept in the state directory too, so a data plane
 * restarted while the control plane is away starts with it.
 */
@ApplicationScoped
public class NodeTokens {

    private static final Logger LOG = Logger.getLogger(NodeTokens.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final DataPlaneIdentityService controlPlane;
    private final String nodeId;
    private final NodeTokenFile file;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<Held> held = new AtomicReference<>();
    private final AtomicReference<Uni<String>> inFlight = new AtomicReference<>();
    private final ScheduledExecutorService scheduler = DaemonScheduler.named("node-token-renewal");
    private final Backoff backoff = new Backoff(MIN_BACKOFF, MAX_BACKOFF);
    private volatile boolean stopping;

    public NodeTokens(@GrpcClient("controlplane") @RegisterClientInterceptor(JoinTokenClientInterceptor.class)
                      DataPlaneIdentityService controlPlane, DataPlaneConfig config) {
        this.controlPlane = controlPlane;
        this.nodeId = config.dataPlane().id();
        this.file = new NodeTokenFile(Path.of(config.dataPlane().stateDir()));
    }

    void onStart(@Observes StartupEvent event) {
        try {
            file.read(clock.instant()).ifPresent(stored -> {
                held.set(new Held(stored.token(), stored.expiresAt()));
                LOG.infof("using the node token kept in %s until the control plane gives a new one (valid until %s)",
                        file.path(), stored.expiresAt());
            });
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the node token kept in %s cannot be read (%s); asking the control plane for one", file.path(),
                    e.getClass().getSimpleName());
        }
        scheduler.execute(this::renewInBackground);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        scheduler.shutdownNow();
    }

    /** The token to present now, when one is held and not expired. */
    public Optional<String> current() {
        Held current = held.get();
        return current != null && clock.instant().isBefore(current.expiresAt()) ? Optional.of(current.token()) : Optional.empty();
    }

    /** A usable token: the held one, or one fetched now. */
    public Uni<String> usable() {
        return current().map(token -> Uni.createFrom().item(token)).orElseGet(this::fetch);
    }

    /** Fetches a new token (the broker refused the held one); the held one is dropped. */
    public Uni<String> replace() {
        held.set(null);
        return fetch();
    }

    private Uni<String> fetch() {
        Uni<String> fresh = controlPlane.issueNodeToken(IssueNodeTokenRequest.newBuilder().setNodeId(nodeId).build())
                .ifNoItem().after(CALL_TIMEOUT).fail()
                .map(this::hold)
                .memoize().indefinitely();
        Uni<String> running = inFlight.updateAndGet(existing -> existing != null ? existing : fresh);
        return running.onTermination().invoke(() -> inFlight.compareAndSet(running, null));
    }

    private String hold(NodeToken token) {
        Instant expiresAt = Instant.ofEpochSecond(token.getExpiresAt().getSeconds(), token.getExpiresAt().getNanos());
        Held previous = held.getAndSet(new Held(token.getToken(), expiresAt));
        if (previous == null) {
            LOG.infof("received node token for %s (pool %s), valid until %s", nodeId, token.getPool(), expiresAt);
        }
        try {
            file.write(token.getToken(), expiresAt);
        } catch (IOException e) {
            LOG.warnf("cannot keep the node token in %s (%s); a restart while the control plane is away would find none",
                    file.path(), e.getClass().getSimpleName());
        }
        return token.getToken();
    }

    private void renewInBackground() {
        if (stopping) {
            return;
        }
        try {
            fetch().await().atMost(CALL_TIMEOUT.plusSeconds(1));
            backoff.reset();
            Held current = held.get();
            Duration lifetime = Duration.between(clock.instant(), current.expiresAt());
            scheduler.schedule(this::renewInBackground, Math.max(1_000, lifetime.toMillis() / 2), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            String why = e instanceof StatusRuntimeException status ? status.getStatus().getCode().toString()
                    : e.getClass().getSimpleName();
            Duration wait = backoff.next();
            LOG.warnf("cannot get a node token from the control plane (%s); retrying in %s%s", why, wait,
                    current().isPresent() ? ", the current one stays valid until " + held.get().expiresAt() : "");
            scheduler.schedule(this::renewInBackground, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private record Held(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Held[token=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }
}
