package io.gatehouse.approval;

import io.gatehouse.approval.audit.AuditOutboxRepository;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.gatehouse.proto.approval.v1.ApprovalServiceGrpc;
import io.gatehouse.proto.approval.v1.ApprovalTicket;
import io.gatehouse.proto.approval.v1.CancelApprovalRequest;
import io.gatehouse.proto.approval.v1.ConsumeApprovalRequest;
import io.gatehouse.proto.audit.v1.AuditEvent;
import io.gatehouse.proto.audit.v1.Decision;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every transition reaches the control plane's audit trail through the outbox, also across an outage. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "approval_audit_test"))
@QuarkusTestResource(SlackStandIn.class)
class AuditTrailTest {

    @GrpcClient("approval")
    ApprovalServiceGrpc.ApprovalServiceBlockingStub dataPlane;

    @Inject
    AuditOutboxRepository outbox;

    @Test
    @TestSecurity(user = "alice", roles = ApproverRulesTest.GROUP)
    void everyTransitionIsShippedWithItsKindActorAndCall() throws Exception {
        ApprovalTicket requested = dataPlane.requestApproval(ApproverRulesTest.call(1).setRequestId("req-audit-1").build());
        String id = requested.getApprovalId();
        given().contentType(ContentType.JSON).body("{\"reason\": \"fine\"}")
                .when().post("/api/v1/approvals/" + id + "/approve").then().statusCode(200);
        dataPlane.consumeApproval(ConsumeApprovalRequest.newBuilder().setApprovalId(id).setIdentity("ci-deploy")
                .setRequestDigest(requested.getRequestDigest()).build());

        List<AuditEvent> events = AuditIngestionStandIn.awaitKinds(id, "approval.requested", "approval.approved",
                "approval.consumed");

        assertEquals(List.of("approval.requested", "approval.approved", "approval.consumed"),
                events.stream().map(AuditEvent::getKind).toList());
        AuditEvent approved = events.get(1);
        assertEquals("alice", approved.getActor());
        assertTrue(approved.getReason().contains("approved by alice: fine"), approved::getReason);
        assertEquals("req-audit-1", approved.getRequestId());
        assertEquals("ci-deploy", approved.getIdentity());
        assertEquals("POST", approved.getMethod());
        assertEquals(Decision.DECISION_UNSPECIFIED, approved.getDecision(), "not a call's outcome");
        assertEquals(3, events.stream().map(AuditEvent::getEventId).distinct().count());
        assertTrue(events.stream().allMatch(AuditEvent::hasTime));
    }

    @Test
    void eventsWaitInTheOutboxWhileTheControlPlaneIsDownAndArriveAfterwards() throws Exception {
        int refusedBefore = AuditIngestionStandIn.REFUSED_BATCHES.get();
        AuditIngestionStandIn.refusing = true;
        String id;
        try {
            id = dataPlane.requestApproval(ApproverRulesTest.call(1).build()).getApprovalId();
            dataPlane.cancelApproval(CancelApprovalRequest.newBuilder().setApprovalId(id).setIdentity("ci-deploy")
                    .setReason("the caller gave up").build());
            AuditIngestionStandIn.awaitRefusedBatches(refusedBefore, 2);

            assertTrue(AuditIngestionStandIn.kindsOf(id).isEmpty(), "nothing was acknowledged");
            assertTrue(QuarkusTransaction.requiringNew().call(outbox::waiting) >= 2, "the events wait in the outbox");
        } finally {
            AuditIngestionStandIn.refusing = false;
        }

        List<AuditEvent> events = AuditIngestionStandIn.awaitKinds(id, "approval.requested", "approval.cancelled");
        Set<String> ids = events.stream().map(AuditEvent::getEventId).collect(Collectors.toSet());
        assertEquals(events.size(), ids.size(), "each event arrives once after the outage");
        long deadline = System.currentTimeMillis() + 10_000;
        while (QuarkusTransaction.requiringNew().call(outbox::waiting) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, QuarkusTransaction.requiringNew().call(outbox::waiting), "acknowledged events leave the outbox");
        assertFalse(events.get(events.size() - 1).getActor().isEmpty());
    }
}
