package io.gatehouse.bench.audit;

import io.gatehouse.proto.audit.v1.AuditAck;
import io.gatehouse.proto.audit.v1.AuditBatch;
import io.gatehouse.proto.audit.v1.AuditIngestionServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * One data plane's audit stream, as its shipper drives it: batches sent back to back (up to {@code window} not yet
 * acknowledged), each acknowledged by the control plane once durably stored. Batches are built before the clock
 * starts, so the measurement is the control plane's and PostgreSQL's work, not the generator's.
 */
final class AuditStreamLoad {

    private final ManagedChannel channel;
    private final String joinToken;
    private final int window;

    AuditStreamLoad(ManagedChannel channel, String joinToken, int window) {
        this.channel = channel;
        this.joinToken = joinToken;
        this.window = window;
    }

    static List<AuditBatch> prepare(SyntheticAuditEvents events, int batches, int batchSize) {
        List<AuditBatch> prepared = new ArrayList<>(batches);
        for (int i = 0; i < batches; i++) {
            prepared.add(events.nextBatch(batchSize));
        }
        return prepared;
    }

    /** Sends the batches; completes when the last one is acknowledged (or the stream fails). */
    CompletableFuture<Void> send(List<AuditBatch> batches) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + joinToken);
        AuditIngestionServiceGrpc.AuditIngestionServiceStub stub = AuditIngestionServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        CompletableFuture<Void> done = new CompletableFuture<>();
        long last = batches.get(batches.size() - 1).getLastSequence();
        Semaphore inFlight = new Semaphore(window);
        StreamObserver<AuditBatch> requests = stub.ingest(new StreamObserver<>() {
            @Override
            public void onNext(AuditAck ack) {
                inFlight.release();
                if (ack.getAckedSequence() >= last) {
                    done.complete(null);
                }
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
                inFlight.release(window);
            }

            @Override
            public void onCompleted() {
                done.completeExceptionally(new IllegalStateException("the control plane closed the stream early"));
            }
        });
        CompletableFuture.runAsync(() -> {
            for (AuditBatch batch : batches) {
                inFlight.acquireUninterruptibly();
                if (done.isDone()) {
                    return;
                }
                synchronized (requests) {
                    requests.onNext(batch);
                }
            }
        });
        return done.whenComplete((ignored, error) -> requests.onCompleted());
    }
}
