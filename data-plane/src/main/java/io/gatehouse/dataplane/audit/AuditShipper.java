package io.gatehouse.dataplane.audit;

import com.google.protobuf.Timestamp;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.proto.audit.v1.AuditAck;
import io.gatehouse.proto.audit.v1.AuditBatch;
import io.gatehouse.proto.audit.v1.AuditEvent;
import io.gatehouse.proto.audit.v1.AuditIngestionService;
import io.gatehouse.proto.audit.v1.Decision;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ships call records to the control plane over one gRPC stream with sequence numbers. A record
 * stays queued until the control plane acknowledges it; after a broken stream everything not
 * acknowledged is sent again (the store ignores event ids it already holds). When the queue is
 * full the proxy refuses new calls ({@link #hasRoom()}), because a call that cannot be recorded
 * must not be forwarded.
 * <p>
 * The queue lives in memory: records not yet acknowledged are lost if this process dies. The
 * durable on-disk spool replaces it (see the audit trail issue).
 */
@ApplicationScoped
public class AuditShipper {

    private static final Logger LOG = Logger.getLogger(AuditShipper.class);
    private static final Duration SHUTDOWN_FLUSH_TIMEOUT = Duration.ofSeconds(3);

    private final AuditIngestionService controlPlane;
    private final String dataPlaneId;
    private final int capacity;
    private final int batchSize;
    private final Duration flushInterval;
    private final ConcurrentSkipListMap<Long, AuditEvent> unacknowledged = new ConcurrentSkipListMap<>();
    private final AtomicLong lastSequence = new AtomicLong();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "audit-shipper");
        thread.setDaemon(true);
        return thread;
    });
    // touched only on the sender thread
    private UnicastProcessor<AuditBatch> stream;
    private Cancellable subscription;
    private long nextToSend = 1;
    private long reconnectNotBefore;

    public AuditShipper(@GrpcClient("controlplane") AuditIngestionService controlPlane, DataPlaneConfig config) {
        this.controlPlane = controlPlane;
        this.dataPlaneId = config.dataPlane().id();
        this.capacity = config.audit().queueCapacity();
        this.batchSize = config.audit().batchSize();
        this.flushInterval = config.audit().flushInterval();
    }

    void onStart(@Observes StartupEvent event) {
        sender.scheduleWithFixedDelay(this::sendPending, flushInterval.toMillis(), flushInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        long deadline = System.nanoTime() + SHUTDOWN_FLUSH_TIMEOUT.toNanos();
        onSender(this::sendPending);
        while (!unacknowledged.isEmpty() && System.nanoTime() < deadline) {
            sleepBriefly();
        }
        sender.shutdownNow();
        if (!unacknowledged.isEmpty()) {
            LOG.warnf("Stopping with %d audit records not acknowledged by the control plane", unacknowledged.size());
        }
    }

    /** Runs on the sender thread, which owns the stream; after shutdown there is nothing left to do. */
    private void onSender(Runnable task) {
        if (!sender.isShutdown()) {
            try {
                sender.execute(task);
            } catch (RejectedExecutionException ignored) {
                // shutting down
            }
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean hasRoom() {
        return unacknowledged.size() < capacity;
    }

    public int backlog() {
        return unacknowledged.size();
    }

    public void record(CallRecord record) {
        long sequence = lastSequence.incrementAndGet();
        unacknowledged.put(sequence, toEvent(record));
    }

    private void sendPending() {
        try {
            if (unacknowledged.isEmpty()) {
                return;
            }
            if (stream == null && !openStream()) {
                return;
            }
            Map.Entry<Long, AuditEvent> first = unacknowledged.ceilingEntry(nextToSend);
            while (first != null) {
                List<AuditEvent> batch = new ArrayList<>(batchSize);
                long last = first.getKey();
                for (Map.Entry<Long, AuditEvent> entry : unacknowledged.tailMap(first.getKey(), true).entrySet()) {
                    if (batch.size() == batchSize) {
                        break;
                    }
                    batch.add(entry.getValue());
                    last = entry.getKey();
                }
                stream.onNext(AuditBatch.newBuilder().setDataPlaneId(dataPlaneId).setLastSequence(last).addAllEvents(batch).build());
                nextToSend = last + 1;
                first = unacknowledged.ceilingEntry(nextToSend);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Audit shipping failed, will retry: %s", e.getMessage());
            onSender(() -> streamBroken("send failed"));
        }
    }

    private boolean openStream() {
        long now = System.currentTimeMillis();
        if (now < reconnectNotBefore) {
            return false;
        }
        UnicastProcessor<AuditBatch> batches = UnicastProcessor.create();
        stream = batches;
        nextToSend = unacknowledged.isEmpty() ? lastSequence.get() + 1 : unacknowledged.firstKey();
        subscription = controlPlane.ingest(batches).subscribe().with(
                this::acknowledged,
                failure -> onSender(() -> streamBroken(failure.getMessage())),
                () -> onSender(() -> streamBroken("closed by the control plane")));
        return true;
    }

    private void acknowledged(AuditAck ack) {
        unacknowledged.headMap(ack.getAckedSequence(), true).clear();
    }

    private void streamBroken(String reason) {
        if (stream != null) {
            LOG.warnf("Audit stream to the control plane ended (%s); %d records wait for delivery", reason, unacknowledged.size());
            stream.onComplete();
        }
        if (subscription != null) {
            subscription.cancel();
        }
        stream = null;
        subscription = null;
        reconnectNotBefore = System.currentTimeMillis() + 1000;
    }

    private AuditEvent toEvent(CallRecord record) {
        AuditEvent.Builder event = AuditEvent.newBuilder()
                .setEventId(record.eventId())
                .setRequestId(record.requestId())
                .setTime(Timestamp.newBuilder().setSeconds(record.time().getEpochSecond()).setNanos(record.time().getNano()))
                .setDataPlaneId(dataPlaneId)
                .setMethod(record.method())
                .setPath(record.path())
                .setDecision(Decision.valueOf("DECISION_" + record.decision().name()))
                .setStatus(record.status())
                .setDuration(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(record.duration().getSeconds()).setNanos(record.duration().getNano()))
                .addAllMaskedFields(record.maskedFields());
        if (record.identity() != null) {
            event.setIdentity(record.identity());
        }
        if (record.resource() != null) {
            event.setResource(record.resource());
        }
        if (record.reason() != null) {
            event.setReason(record.reason());
        }
        if (record.approvalId() != null) {
            event.setApprovalId(record.approvalId());
        }
        return event.build();
    }
}
