package io.gatehouse.controlplane.grpc;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditQuery;
import io.gatehouse.controlplane.domain.StoredAuditEvent;
import io.gatehouse.controlplane.service.AuditStore;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.gatehouse.proto.audit.v1.AuditAck;
import io.gatehouse.proto.audit.v1.AuditBatch;
import io.gatehouse.proto.audit.v1.AuditEvent;
import io.gatehouse.proto.audit.v1.AuditIngestionService;
import io.gatehouse.proto.audit.v1.Decision;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class AuditIngestionGrpcServiceTest {

    @GrpcClient("audit")
    AuditIngestionService client;

    @Inject
    AuditStore store;

    @Test
    void storesEachBatchAndAcknowledgesItsLastSequenceInOrder() {
        String requestId = "req-" + UUID.randomUUID();
        AuditBatch first = batch(2, event(requestId, Instant.parse("2026-01-01T10:00:00Z")),
                event(requestId, Instant.parse("2026-01-01T10:00:01Z")));
        AuditBatch second = batch(3, event(requestId, Instant.parse("2026-01-01T10:00:02Z")));

        List<AuditAck> acks = ingest(first, second);

        assertEquals(List.of(2L, 3L), acks.stream().map(AuditAck::getAckedSequence).toList());
        List<StoredAuditEvent> stored = store.search(AuditQuery.byRequestId(requestId, 50));
        assertEquals(3, stored.size());
        StoredAuditEvent newest = stored.get(0);
        assertEquals(Instant.parse("2026-01-01T10:00:02Z"), newest.record().time());
        assertEquals(AuditDecision.ALLOWED, newest.record().decision());
        assertEquals("deploy-bot", newest.record().identity());
        assertEquals("dp-1", newest.record().dataPlaneId());
        assertEquals(List.of("ssn"), newest.record().maskedFields());
        assertEquals(1500, newest.record().durationMs());
        assertEquals(200, newest.record().status());
    }

    @Test
    void isIdempotentOnDuplicateEventIds() {
        String requestId = "req-" + UUID.randomUUID();
        AuditEvent event = event(requestId, Instant.parse("2026-01-02T10:00:00Z"));

        List<AuditAck> acks = ingest(batch(1, event), batch(2, event, event(requestId, Instant.parse("2026-01-02T10:00:01Z"))));
        List<AuditAck> acksAfterReconnect = ingest(batch(2, event));

        assertEquals(List.of(1L, 2L), acks.stream().map(AuditAck::getAckedSequence).toList());
        assertEquals(List.of(2L), acksAfterReconnect.stream().map(AuditAck::getAckedSequence).toList());
        assertEquals(2, store.search(AuditQuery.byRequestId(requestId, 50)).size());
    }

    @Test
    void storesApprovalTransitionsOfTheApprovalService() {
        String requestId = "req-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        AuditEvent approved = AuditEvent.newBuilder()
                .setEventId(eventId)
                .setRequestId(requestId)
                .setTime(Timestamp.newBuilder().setSeconds(Instant.parse("2026-01-03T10:00:00Z").getEpochSecond()))
                .setDataPlaneId("dp-1")
                .setIdentity("deploy-bot")
                .setResource("demo")
                .setMethod("POST")
                .setPath("/demo/refunds")
                .setDecision(Decision.DECISION_UNSPECIFIED)
                .setReason("approved by alice: ticket PAY-9")
                .setApprovalId("a-1")
                .setKind("approval.approved")
                .setActor("alice")
                .build();

        List<AuditAck> acks = ingest(AuditBatch.newBuilder().setDataPlaneId("approval-service").setLastSequence(7)
                .addEvents(approved).build());

        assertEquals(List.of(7L), acks.stream().map(AuditAck::getAckedSequence).toList());
        List<StoredAuditEvent> stored = store.search(AuditQuery.byRequestId(requestId, 50));
        assertEquals(1, stored.size());
        assertEquals(UUID.fromString(eventId), stored.get(0).record().eventId());
        assertEquals("approval.approved", stored.get(0).record().kind());
        assertEquals("alice", stored.get(0).record().actor());
        assertEquals("demo", stored.get(0).record().resource());
        assertEquals("approved by alice: ticket PAY-9", stored.get(0).record().reason());
        assertEquals("a-1", stored.get(0).record().approvalId());
        assertEquals(AuditDecision.UNSPECIFIED, stored.get(0).record().decision());
    }

    @Test
    void refusesAMalformedEventByName() {
        String requestId = "req-" + UUID.randomUUID();
        AuditEvent withoutTime = event(requestId, Instant.now()).toBuilder().clearTime().build();

        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> ingest(batch(1, event(requestId, Instant.now()), withoutTime)));

        Status status = Status.fromThrowable(failure);
        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
        assertTrue(status.getDescription().contains("event #1 of the batch (event_id '" + withoutTime.getEventId() + "')"),
                status.getDescription());
        assertTrue(status.getDescription().endsWith("time is required"), status.getDescription());
        assertEquals(0, store.search(AuditQuery.byRequestId(requestId, 50)).size());
    }

    @Test
    void refusesAnEventWithoutEventId() {
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> ingest(batch(1, event("req-x", Instant.now()).toBuilder().clearEventId().build())));

        Status status = Status.fromThrowable(failure);
        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
        assertTrue(status.getDescription().contains("event_id is required"), status.getDescription());
    }

    private List<AuditAck> ingest(AuditBatch... batches) {
        return client.ingest(Multi.createFrom().items(batches)).collect().asList()
                .await().atMost(java.time.Duration.ofSeconds(20));
    }

    static AuditBatch batch(long lastSequence, AuditEvent... events) {
        return AuditBatch.newBuilder().setDataPlaneId("dp-1").setLastSequence(lastSequence).addAllEvents(List.of(events)).build();
    }

    static AuditEvent event(String requestId, Instant time) {
        return AuditEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setRequestId(requestId)
                .setTime(Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano()))
                .setIdentity("deploy-bot")
                .setResource("demo")
                .setMethod("GET")
                .setPath("/customers/42")
                .setDecision(Decision.DECISION_ALLOWED)
                .setReason("grant deploy-bot/demo GET /customers/**")
                .setStatus(200)
                .setDuration(Duration.newBuilder().setSeconds(1).setNanos(500_000_000))
                .addMaskedFields("ssn")
                .build();
    }
}
