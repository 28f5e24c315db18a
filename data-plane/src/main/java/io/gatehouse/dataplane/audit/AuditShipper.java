package io.gatehouse.dataplane.audit;

import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.proto.audit.v1.AuditAck;
import io.gatehouse.proto.audit.v1.AuditBatch;
import io.gatehouse.proto.audit.v1.AuditIngestionService;
import io.gatehouse.dataplane.identity.JoinTokenClientInterceptor;
import io.gatehouse.dataplane.retry.DaemonScheduler;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.RegisterClientInterceptor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Records every call in the durable {@link AuditSpool} and ships the spool to the control plane
 * over one gRPC stream with sequence numbers.
 * <p>
 * A call is recorded twice in the spool: {@link #admit} writes its start before anything is
 * forwarded (if that fails, the call is refused with 503 — a call that cannot be recorded is not
 * forwarded), and {@link #record} writes its outcome at the end. Only outcomes are shipped, so the
 * control plane stores one event per call; a call whose outcome never got written (the process
 * died mid-call) is shipped as an interrupted ERROR event after the restart.
 * <p>
 * An outcome stays in the spool until the control plane acknowledges its sequence number; after a
 * broken stream or a restart everything not acknowledged is sent again (the store ignores event ids
 * it already holds).
 */
@ApplicationScoped
public class AuditShipper {

    private static final Logger LOG = Logger.getLogger(AuditShipper.class);
    private static final Duration SHUTDOWN_FLUSH_TIMEOUT = Duration.ofSeconds(3);
    /** Well below gRPC's default 4 MiB message limit, also with a few events carrying 2 x 64 KiB of bodies. */
    static final int MAX_BATCH_BYTES = 1024 * 1024;

    private final AuditIngestionService controlPlane;
    private final String dataPlaneId;
    private final int batchSize;
    private final Duration flushInterval;
    private final Path spoolDir;
    private final AuditSpool.Settings spoolSettings;
    private final ScheduledExecutorService sender = DaemonScheduler.named("audit-shipper");
    private volatile AuditSpool spool;
    // touched only on the sender thread
    private UnicastProcessor<AuditBatch> stream;
    private Cancellable subscription;
    private long nextToSend = 1;
    private long reconnectNotBefore;
    private boolean streamHealthy = true; // false from a broken stream until the next ack: one WARN per outage

    @Inject
    public AuditShipper(@GrpcClient("controlplane") @RegisterClientInterceptor(JoinTokenClientInterceptor.class)
                        AuditIngestionService controlPlane, DataPlaneConfig config) {
        this(controlPlane, config.dataPlane().id(), config.audit().batchSize(), config.audit().flushInterval(),
                Path.of(config.dataPlane().stateDir()).resolve("audit"), spoolSettings(config.audit().spool()));
    }

    AuditShipper(AuditIngestionService controlPlane, String dataPlaneId, int batchSize, Duration flushInterval,
                 Path spoolDir, AuditSpool.Settings spoolSettings) {
        this.controlPlane = controlPlane;
        this.dataPlaneId = dataPlaneId;
        this.batchSize = batchSize;
        this.flushInterval = flushInterval;
        this.spoolDir = spoolDir;
        this.spoolSettings = spoolSettings;
    }

    private static AuditSpool.Settings spoolSettings(DataPlaneConfig.Audit.Spool spool) {
        return new AuditSpool.Settings(spool.sync(), spool.syncInterval(), spool.segmentBytes(), spool.highWaterBytes(),
                spool.lowWaterBytes());
    }

    /** Opens (and repairs) the spool before the proxy listens; the service does not start without it. */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        try {
            spool = AuditSpool.open(spoolDir, spoolSettings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit spool in " + spoolDir.toAbsolutePath()
                    + " (" + e.getMessage() + "); check gatehouse.data-plane.state-dir and its permissions", e);
        }
        sender.scheduleWithFixedDelay(this::sendPending, flushInterval.toMillis(), flushInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        long deadline = System.nanoTime() + SHUTDOWN_FLUSH_TIMEOUT.toNanos();
        onSender(this::sendPending);
        while (spool != null && spool.backlog() > 0 && System.nanoTime() < deadline) {
            sleepBriefly();
        }
        sender.shutdown(); // lets an acknowledgement being written finish
        try {
            sender.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.shutdownNow();
        if (spool != null) {
            if (spool.backlog() > 0) {
                LOG.infof("Stopping with %d audit events not yet acknowledged by the control plane; they stay in the "
                        + "spool %s and are sent after the next start", spool.backlog(), spoolDir);
            }
            spool.close();
        }
    }

    /**
     * Records the start of a call before it is forwarded. The stage completes once the record is
     * spooled (as durably as {@code gatehouse.audit.spool.sync} asks) and fails with
     * {@link AuditUnavailableException} when the call must not be forwarded. Never blocks.
     */
    public CompletionStage<Void> admit(CallStart start) {
        AuditSpool current = spool;
        if (current == null) {
            return CompletableFuture.failedFuture(new AuditUnavailableException("the audit trail is not open yet; the call was not forwarded"));
        }
        return current.appendStart(AuditEvents.start(start, dataPlaneId));
    }

    /** Records the outcome of a call, admitted or refused. */
    public void record(CallRecord record) {
        AuditSpool current = spool;
        if (current == null) {
            LOG.errorf("Audit event of request %s arrived before the spool was open and is lost", record.requestId());
            return;
        }
        current.appendOutcome(AuditEvents.outcome(record, dataPlaneId));
    }

    /** False while new calls would be refused (spool above its high-water mark or not writable). */
    public boolean hasRoom() {
        AuditSpool current = spool;
        return current != null && !current.refusing();
    }

    /** Events not yet acknowledged by the control plane. */
    public int backlog() {
        AuditSpool current = spool;
        return current == null ? 0 : current.backlog();
    }

    /** Bytes of spooled events not yet acknowledged (what the high-water mark is compared with). */
    public long unacknowledgedBytes() {
        AuditSpool current = spool;
        return current == null ? 0 : current.unacknowledgedBytes();
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

    private void sendPending() {
        try {
            if (spool.backlog() == 0) {
                return;
            }
            if (stream == null && !openStream()) {
                return;
            }
            List<AuditSpool.Pending> batch = spool.unacknowledged(nextToSend, batchSize);
            while (!batch.isEmpty()) {
                AuditBatch message = boundedBatch(batch);
                stream.onNext(message);
                nextToSend = message.getLastSequence() + 1;
                batch = spool.unacknowledged(nextToSend, batchSize);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Audit shipping failed, will retry: %s", e.getMessage());
            onSender(() -> streamBroken("send failed"));
        }
    }

    /**
     * The first events of {@code pending} that fit in {@value #MAX_BATCH_BYTES} bytes (at least one): events with
     * recorded bodies are large, and a batch must stay below gRPC's message size limit.
     */
    private AuditBatch boundedBatch(List<AuditSpool.Pending> pending) {
        AuditBatch.Builder message = AuditBatch.newBuilder().setDataPlaneId(dataPlaneId);
        long bytes = 0;
        long last = 0;
        for (AuditSpool.Pending event : pending) {
            int size = event.event().getSerializedSize();
            if (message.getEventsCount() > 0 && bytes + size > MAX_BATCH_BYTES) {
                break;
            }
            message.addEvents(event.event());
            bytes += size;
            last = event.sequence();
        }
        return message.setLastSequence(last).build();
    }

    private boolean openStream() {
        long now = System.currentTimeMillis();
        if (now < reconnectNotBefore) {
            return false;
        }
        UnicastProcessor<AuditBatch> batches = UnicastProcessor.create();
        stream = batches;
        nextToSend = spool.firstUnacknowledged();
        subscription = controlPlane.ingest(batches).subscribe().with(
                ack -> onSender(() -> acknowledged(ack)),
                failure -> onSender(() -> streamBroken(failure.getMessage())),
                () -> onSender(() -> streamBroken("closed by the control plane")));
        return true;
    }

    /** On the sender thread: the checkpoint is written and segments deleted off the gRPC event loop. */
    private void acknowledged(AuditAck ack) {
        spool.acknowledge(ack.getAckedSequence());
        if (!streamHealthy) {
            streamHealthy = true;
            LOG.infof("The control plane acknowledges audit events again (up to sequence %d; %d wait in the spool)",
                    ack.getAckedSequence(), spool.backlog());
        }
    }

    private void streamBroken(String reason) {
        if (stream != null) {
            if (streamHealthy) {
                streamHealthy = false;
                LOG.warnf("Audit stream to the control plane ended (%s); events wait in the spool %s and are sent "
                        + "once it is back (%d now)", reason, spoolDir, spool.backlog());
            } else {
                LOG.debugf("Audit stream to the control plane still down (%s); %d events wait", reason, spool.backlog());
            }
            stream.onComplete();
        }
        if (subscription != null) {
            subscription.cancel();
        }
        stream = null;
        subscription = null;
        reconnectNotBefore = System.currentTimeMillis() + 1000;
    }
}
