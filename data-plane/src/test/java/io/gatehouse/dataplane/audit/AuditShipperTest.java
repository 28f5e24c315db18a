package io.gatehouse.dataplane.audit;

import io.gatehouse.proto.audit.v1.AuditAck;
import io.gatehouse.proto.audit.v1.AuditBatch;
import io.gatehouse.proto.audit.v1.AuditEvent;
import io.gatehouse.proto.audit.v1.AuditIngestionService;
import io.smallrye.mutiny.Multi;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The shipper against a control plane stand-in (the gRPC service interface), with a real spool on disk. */
class AuditShipperTest {

    private static final AuditSpool.Settings SETTINGS =
            new AuditSpool.Settings(SyncPolicy.INTERVAL, Duration.ofMillis(20), 1 << 20, 1 << 24, 1 << 23);

    @TempDir
    Path dir;

    /** Stores every batch it receives; acknowledges them while {@code acking}. */
    static final class ControlPlaneStandIn implements AuditIngestionService {
        final List<AuditBatch> batches = new CopyOnWriteArrayList<>();
        volatile boolean acking;

        ControlPlaneStandIn(boolean acking) {
            this.acking = acking;
        }

        @Override
        public Multi<AuditAck> ingest(Multi<AuditBatch> request) {
            return request.onItem().invoke(batches::add)
                    .select().where(batch -> acking)
                    .map(batch -> AuditAck.newBuilder().setAckedSequence(batch.getLastSequence()).build());
        }

        List<AuditEvent> events() {
            return batches.stream().flatMap(batch -> batch.getEventsList().stream()).toList();
        }
    }

    @Test
    void shipsOutcomesInOrderWithSequenceNumbersAndOnlyOutcomes() throws Exception {
        ControlPlaneStandIn controlPlane = new ControlPlaneStandIn(true);
        AuditShipper shipper = shipper(controlPlane);
        shipper.onStart(null);
        try {
            shipper.admit(start("r1")).toCompletableFuture().join();
            shipper.record(outcome("r1"));
            shipper.record(outcome("r2"));
            shipper.record(outcome("r3"));
            await(() -> shipper.backlog() == 0, "every event acknowledged");
            assertEquals(List.of("r1", "r2", "r3"), controlPlane.events().stream().map(AuditEvent::getRequestId).toList(),
                    "one event per call: the start is never shipped");
            long lastSequence = 0;
            long shipped = 0;
            for (AuditBatch batch : controlPlane.batches) {
                shipped += batch.getEventsCount();
                assertEquals(shipped, batch.getLastSequence(), "sequence numbers increase by the batch size");
                assertTrue(batch.getLastSequence() > lastSequence);
                lastSequence = batch.getLastSequence();
                assertEquals("dp-test", batch.getDataPlaneId());
            }
        } finally {
            shipper.onStop(null);
        }
    }

    @Test
    void whatWasNotAcknowledgedIsSentAgainAfterARestartWithTheSameEventIds() throws Exception {
        ControlPlaneStandIn silent = new ControlPlaneStandIn(false);
        AuditShipper first = shipper(silent);
        first.onStart(null);
        first.record(outcome("a"));
        first.record(outcome("b"));
        await(() -> silent.events().size() == 2, "both events sent once");
        first.onStop(null);
        List<String> eventIds = silent.events().stream().map(AuditEvent::getEventId).toList();

        ControlPlaneStandIn acking = new ControlPlaneStandIn(true);
        AuditShipper second = shipper(acking);
        second.onStart(null);
        try {
            await(() -> second.backlog() == 0, "the events of the first run acknowledged");
            assertEquals(eventIds, acking.events().stream().map(AuditEvent::getEventId).toList());
            second.record(outcome("c"));
            await(() -> second.backlog() == 0, "the new event acknowledged");
            assertEquals(3, acking.batches.get(acking.batches.size() - 1).getLastSequence(), "sequences continue after the restart");
        } finally {
            second.onStop(null);
        }

        ControlPlaneStandIn third = new ControlPlaneStandIn(true);
        AuditShipper afterAck = shipper(third);
        afterAck.onStart(null);
        try {
            afterAck.record(outcome("d"));
            await(() -> afterAck.backlog() == 0, "acknowledged");
            assertEquals(List.of("d"), third.events().stream().map(AuditEvent::getRequestId).toList(),
                    "acknowledged events are not sent again");
        } finally {
            afterAck.onStop(null);
        }
    }

    @Test
    void aRefusedAdmissionFailsWithAuditUnavailable() throws Exception {
        AuditShipper shipper = new AuditShipper(new ControlPlaneStandIn(false), "dp-test", 10, Duration.ofMillis(20),
                dir.resolve("audit"), new AuditSpool.Settings(SyncPolicy.NONE, Duration.ofMillis(20), 1 << 20, 1, 0));
        shipper.onStart(null);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AuditSpoolMetrics.register(shipper, meters);
        try {
            assertEquals(0.0, meters.get("gatehouse.audit.spool.refusing").gauge().value());
            shipper.record(outcome("fills-the-spool"));
            assertTrue(!shipper.hasRoom());
            assertEquals(1.0, meters.get("gatehouse.audit.spool.refusing").gauge().value());
            assertEquals(1.0, meters.get("gatehouse.audit.spool.backlog.events").gauge().value());
            assertTrue(meters.get("gatehouse.audit.spool.unacknowledged.bytes").gauge().value() > 0);
            Throwable failure = shipper.admit(start("refused")).toCompletableFuture().handle((ok, error) -> error).join();
            assertTrue(failure instanceof AuditUnavailableException, "refused with: " + failure);
        } finally {
            shipper.onStop(null);
        }
    }

    @Test
    void eventsWithLargeRecordedBodiesAreShippedInBatchesBelowTheByteBound() throws Exception {
        ControlPlaneStandIn controlPlane = new ControlPlaneStandIn(true);
        AuditShipper shipper = new AuditShipper(controlPlane, "dp-test", 200, Duration.ofMillis(20), dir.resolve("audit"), SETTINGS);
        shipper.onStart(null);
        try {
            byte[] body = new byte[60_000];
            java.util.Arrays.fill(body, (byte) 'a');
            RecordedBody recorded = new RecordedBody(body.length, "text/plain", body, true, false);
            for (int i = 0; i < 40; i++) {
                CallRecord plain = outcome("big-" + i);
                shipper.record(new CallRecord(plain.eventId(), plain.requestId(), plain.time(), plain.identity(), plain.resource(),
                        plain.method(), plain.path(), plain.decision(), null, null, 200, plain.duration(), Map.of(),
                        new CallDetails("bodies", null, Map.of(), Map.of(), recorded, recorded, false)));
            }
            await(() -> shipper.backlog() == 0, "every event acknowledged");
            assertEquals(40, controlPlane.events().size());
            assertTrue(controlPlane.batches.size() >= 3, "40 x 120 kB do not fit in one 1 MiB batch");
            for (AuditBatch batch : controlPlane.batches) {
                assertTrue(batch.getSerializedSize() <= AuditShipper.MAX_BATCH_BYTES + 1024, "batch of " + batch.getSerializedSize());
            }
        } finally {
            shipper.onStop(null);
        }
    }

    private AuditShipper shipper(AuditIngestionService controlPlane) {
        return new AuditShipper(controlPlane, "dp-test", 2, Duration.ofMillis(20), dir.resolve("audit"), SETTINGS);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 20 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    private static CallStart start(String requestId) {
        return new CallStart(requestId, Instant.now(), "deploy-bot", "demo", "GET", "/demo/customers/42");
    }

    private static CallRecord outcome(String requestId) {
        return new CallRecord(UUID.randomUUID().toString(), requestId, Instant.now(), "deploy-bot", "demo", "GET",
                "/demo/customers/42", CallDecision.ALLOWED, null, null, 200, Duration.ofMillis(3), Map.of());
    }
}
