package io.gatehouse.vaultbroker.grpc;

import io.gatehouse.proto.audit.v1.AuditAck;
import io.gatehouse.proto.audit.v1.AuditBatch;
import io.gatehouse.proto.audit.v1.AuditEvent;
import io.gatehouse.proto.audit.v1.AuditIngestionService;
import io.gatehouse.proto.audit.v1.Decision;
import io.gatehouse.vaultbroker.config.BrokerConfig;
import io.gatehouse.vaultbroker.model.CallerNode;
import io.gatehouse.vaultbroker.service.SecurityEvents;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the broker's security events to the control plane's audit store: queued in memory (bounded), shipped in
 * batches on a thread of their own, and sent again until the control plane acknowledges them (it ignores an
 * event id it already holds). Every event is also logged, so one the queue had to drop is still on record.
 * Without a control plane events are only logged.
 */
@ApplicationScoped
public class ControlPlaneAuditSender implements SecurityEvents {

    static final String CREDENTIAL_DENIED = "credential.denied";
    static final String CALLER_REFUSED = "credential.unauthenticated";
    private static final int QUEUE_CAPACITY = 10_000;
    private static final int BATCH_SIZE = 200;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(ControlPlaneAuditSender.class);

    private final AuditIngestionService controlPlane;
    private final boolean enabled;
    private final String brokerNodeId;
    private final BlockingQueue<AuditEvent> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1000);
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-sender");
        thread.setDaemon(true);
        return thread;
    });
    private final List<AuditEvent> unacknowledged = new ArrayList<>();
    private boolean failing;

    public ControlPlaneAuditSender(@GrpcClient("controlplane") @RegisterClientInterceptor(JoinTokenClientInterceptor.class)
                                   AuditIngestionService controlPlane, BrokerConfig config) {
        this.controlPlane = controlPlane;
        this.enabled = config.controlPlane().url().filter(url -> !url.isBlank()).isPresent();
        this.brokerNodeId = config.controlPlane().nodeId();
        if (enabled) {
            sender.scheduleWithFixedDelay(this::ship, 200, 200, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void credentialDenied(CallerNode caller, String resource, String reason) {
        record(event(CREDENTIAL_DENIED, caller.nodeId(), reason).setResource(resource).setMethod("IssueCredential").build());
    }

    @Override
    public void callerRefused(String remoteAddress, String method, String reason) {
        record(event(CALLER_REFUSED, remoteAddress, reason).setMethod(method).build());
    }

    private AuditEvent.Builder event(String kind, String actor, String reason) {
        return AuditEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setTime(ProtoTimestamps.of(Instant.now()))
                .setDataPlaneId(brokerNodeId)
                .setDecision(Decision.DECISION_DENIED)
                .setReason(reason)
                .setKind(kind)
                .setActor(actor);
    }

    private void record(AuditEvent event) {
        LOG.warnf("audit event %s %s: actor %s, %s%s: %s", event.getEventId(), event.getKind(), event.getActor(),
                event.getMethod(), event.getResource().isEmpty() ? "" : " of resource '" + event.getResource() + "'",
                event.getReason());
        if (enabled && !queue.offer(event)) {
            LOG.errorf("audit queue full (%d events, control plane unreachable?): event %s is only in this log",
                    QUEUE_CAPACITY, event.getEventId());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        sender.shutdown();
        try {
            sender.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on the sender thread only. */
    private void ship() {
        queue.drainTo(unacknowledged, BATCH_SIZE - unacknowledged.size());
        if (unacknowledged.isEmpty()) {
            return;
        }
        AuditBatch batch = AuditBatch.newBuilder().setDataPlaneId(brokerNodeId)
                .setLastSequence(sequence.addAndGet(unacknowledged.size())).addAllEvents(unacknowledged).build();
        try {
            AuditAck ack = controlPlane.ingest(Multi.createFrom().item(batch))
                    .toUni().await().atMost(ACK_TIMEOUT);
            if (ack == null || ack.getAckedSequence() < batch.getLastSequence()) {
                throw new IllegalStateException("no acknowledgement");
            }
            unacknowledged.clear();
            if (failing) {
                LOG.infof("audit events reach the control plane again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warnf("cannot send %d audit event(s) to the control plane (%s); retrying every %s",
                        unacknowledged.size(), e.getMessage(), RETRY_EVERY);
                failing = true;
            }
            sleep(RETRY_EVERY);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
