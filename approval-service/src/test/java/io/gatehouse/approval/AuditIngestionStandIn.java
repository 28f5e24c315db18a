package io.gatehouse.approval;

import io.gatehouse.proto.audit.v1.AuditAck;
import io.gatehouse.proto.audit.v1.AuditBatch;
import io.gatehouse.proto.audit.v1.AuditEvent;
import io.gatehouse.proto.audit.v1.AuditIngestionService;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the control plane's audit ingestion, served on the test gRPC port (the approval service ships its
 * outbox there in tests): acknowledges each batch after keeping its events, or refuses every batch with
 * UNAVAILABLE while {@link #refusing} is set, as a control plane that is down would.
 */
@GrpcService
public class AuditIngestionStandIn implements AuditIngestionService {

    static final Queue<AuditEvent> RECEIVED = new ConcurrentLinkedQueue<>();
    static volatile boolean refusing;
    static final AtomicInteger REFUSED_BATCHES = new AtomicInteger();

    /** The kinds received so far for one approval, in arrival order. */
    static List<String> kindsOf(String approvalId) {
        return eventsOf(approvalId).stream().map(AuditEvent::getKind).toList();
    }

    static List<AuditEvent> eventsOf(String approvalId) {
        return RECEIVED.stream().filter(event -> event.getApprovalId().equals(approvalId)).toList();
    }

    /** Waits until the approval's events include every one of {@code kinds}; returns its events. */
    static List<AuditEvent> awaitKinds(String approvalId, String... kinds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!kindsOf(approvalId).containsAll(List.of(kinds))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("audit events of " + approvalId + " are " + kindsOf(approvalId)
                        + ", expected at least " + List.of(kinds));
            }
            Thread.sleep(100);
        }
        return eventsOf(approvalId);
    }

    /** Waits until {@code count} more batches have been refused than {@code before}. */
    static void awaitRefusedBatches(int before, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (REFUSED_BATCHES.get() < before + count) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the approval service did not try to ship " + count + " times while refused");
            }
            Thread.sleep(50);
        }
    }

    @Override
    public Multi<AuditAck> ingest(Multi<AuditBatch> batches) {
        return batches.map(batch -> {
            if (refusing) {
                REFUSED_BATCHES.incrementAndGet();
                throw Status.UNAVAILABLE.withDescription("stand-in control plane is down").asRuntimeException();
            }
            RECEIVED.addAll(batch.getEventsList());
            return AuditAck.newBuilder().setAckedSequence(batch.getLastSequence()).build();
        });
    }
}
