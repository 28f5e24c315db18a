package io.gatehouse.approval;

import com.google.protobuf.Timestamp;
import io.gatehouse.approval.model.ApprovalState;
import io.gatehouse.approval.repository.ApprovalRepository;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.gatehouse.proto.approval.v1.ApprovalRequest;
import io.gatehouse.proto.approval.v1.ApprovalServiceGrpc;
import io.gatehouse.proto.approval.v1.ApprovalTicket;
import io.gatehouse.proto.approval.v1.ConsumeApprovalRequest;
import io.gatehouse.proto.approval.v1.WatchApprovalRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.gatehouse.proto.approval.v1.ApprovalState.APPROVAL_STATE_APPROVED;
import static io.gatehouse.proto.approval.v1.ApprovalState.APPROVAL_STATE_CONSUMED;
import static io.gatehouse.proto.approval.v1.ApprovalState.APPROVAL_STATE_DENIED;
import static io.gatehouse.proto.approval.v1.ApprovalState.APPROVAL_STATE_EXPIRED;
import static io.gatehouse.proto.approval.v1.ApprovalState.APPROVAL_STATE_PENDING;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "approval_test"))
class ApprovalFlowTest {

    private static final String APPROVALS = "/api/v1/approvals";

    @GrpcClient("approval")
    ApprovalServiceGrpc.ApprovalServiceBlockingStub approvals;

    @Inject
    ApprovalRepository repository;

    @Test
    @TestSecurity(user = "alice")
    void approvalOverRestIsStreamedToTheWatcher() {
        ApprovalTicket requested = approvals.requestApproval(callOf(newDigest()));
        assertEquals(APPROVAL_STATE_PENDING, requested.getState());

        given().queryParam("state", "PENDING").when().get(APPROVALS)
                .then().statusCode(200).body("id", hasItem(requested.getApprovalId()));

        Iterator<ApprovalTicket> watch = watch(requested.getApprovalId());
        assertEquals(APPROVAL_STATE_PENDING, watch.next().getState());

        given().contentType(ContentType.JSON).body("{\"reason\":\"change window CHG-1\"}")
                .when().post(APPROVALS + "/" + requested.getApprovalId() + "/approve")
                .then().statusCode(200)
                .body("state", equalTo("APPROVED"))
                .body("decidedBy", equalTo("alice"))
                .body("reason", equalTo("change window CHG-1"));

        ApprovalTicket decided = watch.next();
        assertEquals(APPROVAL_STATE_APPROVED, decided.getState());
        assertEquals("alice", decided.getDecidedBy());
        assertTrue(decided.hasDecidedAt());
        assertFalse(watch.hasNext(), "the watch completes after a terminal state");
    }

    @Test
    void watcherSeesDecisionCommittedByAnotherReplica() {
        ApprovalTicket requested = approvals.requestApproval(callOf(newDigest()));
        Iterator<ApprovalTicket> watch = watch(requested.getApprovalId());
        assertEquals(APPROVAL_STATE_PENDING, watch.next().getState());

        // written straight to the database: no in-process notification, only the periodic re-read can see it
        QuarkusTransaction.requiringNew().run(() -> assertEquals(1, repository.decide(requested.getApprovalId(),
                ApprovalState.DENIED, "bob", "elsewhere", Instant.now())));

        ApprovalTicket decided = watch.next();
        assertEquals(APPROVAL_STATE_DENIED, decided.getState());
        assertEquals("bob", decided.getDecidedBy());
        assertFalse(watch.hasNext());
    }

    @Test
    void watcherSeesExpiry() {
        ApprovalTicket requested = approvals.requestApproval(callOf(newDigest()).toBuilder()
                .setExpiresAt(timestamp(Instant.now().plusMillis(700))).build());
        Iterator<ApprovalTicket> watch = watch(requested.getApprovalId());
        assertEquals(APPROVAL_STATE_PENDING, watch.next().getState());
        assertEquals(APPROVAL_STATE_EXPIRED, watch.next().getState());
        assertFalse(watch.hasNext());
    }

    @Test
    void sameCallReturnsTheOpenApproval() {
        String digest = newDigest();
        ApprovalTicket first = approvals.requestApproval(callOf(digest));
        ApprovalTicket again = approvals.requestApproval(callOf(digest));
        ApprovalTicket otherCall = approvals.requestApproval(callOf(newDigest()));

        assertEquals(first.getApprovalId(), again.getApprovalId());
        assertNotEquals(first.getApprovalId(), otherCall.getApprovalId());
    }

    @Test
    @TestSecurity(user = "alice")
    void anApprovalLetsExactlyOneCallThrough() {
        String digest = newDigest();
        ApprovalTicket requested = approvals.requestApproval(callOf(digest));
        approve(requested.getApprovalId());

        ApprovalTicket consumed = approvals.consumeApproval(consumeOf(requested.getApprovalId(), digest));
        assertEquals(APPROVAL_STATE_CONSUMED, consumed.getState());

        StatusRuntimeException second = assertThrows(StatusRuntimeException.class,
                () -> approvals.consumeApproval(consumeOf(requested.getApprovalId(), digest)));
        assertEquals(Status.Code.FAILED_PRECONDITION, second.getStatus().getCode());
        assertTrue(second.getStatus().getDescription().contains("already been used"));

        ApprovalTicket next = approvals.requestApproval(callOf(digest));
        assertNotEquals(requested.getApprovalId(), next.getApprovalId(), "a used approval is not open any more");
    }

    @Test
    @TestSecurity(user = "alice")
    void consumeWithAnotherDigestFails() {
        String digest = newDigest();
        ApprovalTicket requested = approvals.requestApproval(callOf(digest));
        approve(requested.getApprovalId());

        StatusRuntimeException wrongDigest = assertThrows(StatusRuntimeException.class,
                () -> approvals.consumeApproval(consumeOf(requested.getApprovalId(), newDigest())));
        assertEquals(Status.Code.FAILED_PRECONDITION, wrongDigest.getStatus().getCode());
        assertTrue(wrongDigest.getStatus().getDescription().contains("digest"));

        assertEquals(APPROVAL_STATE_CONSUMED,
                approvals.consumeApproval(consumeOf(requested.getApprovalId(), digest)).getState(),
                "the failed attempt did not use up the approval");
    }

    @Test
    void consumeOfPendingApprovalFails() {
        String digest = newDigest();
        ApprovalTicket requested = approvals.requestApproval(callOf(digest));

        StatusRuntimeException pending = assertThrows(StatusRuntimeException.class,
                () -> approvals.consumeApproval(consumeOf(requested.getApprovalId(), digest)));
        assertEquals(Status.Code.FAILED_PRECONDITION, pending.getStatus().getCode());
        assertTrue(pending.getStatus().getDescription().contains("not approved"));
    }

    @Test
    @TestSecurity(user = "alice")
    void denyIsFinal() {
        String digest = newDigest();
        ApprovalTicket requested = approvals.requestApproval(callOf(digest));

        given().contentType(ContentType.JSON).body("{\"reason\":\"not in a change window\"}")
                .when().post(APPROVALS + "/" + requested.getApprovalId() + "/deny")
                .then().statusCode(200)
                .body("state", equalTo("DENIED"))
                .body("decidedBy", equalTo("alice"));

        given().contentType(ContentType.JSON).body("{\"reason\":\"changed my mind\"}")
                .when().post(APPROVALS + "/" + requested.getApprovalId() + "/approve")
                .then().statusCode(409).contentType("application/problem+json");

        StatusRuntimeException denied = assertThrows(StatusRuntimeException.class,
                () -> approvals.consumeApproval(consumeOf(requested.getApprovalId(), digest)));
        assertEquals(Status.Code.FAILED_PRECONDITION, denied.getStatus().getCode());

        Iterator<ApprovalTicket> watch = watch(requested.getApprovalId());
        assertEquals(APPROVAL_STATE_DENIED, watch.next().getState());
        assertFalse(watch.hasNext());
    }

    @Test
    @TestSecurity(user = "alice")
    void decisionAfterExpiryIsIgnored() throws InterruptedException {
        Instant expiresAt = Instant.now().plusMillis(300);
        ApprovalTicket requested = approvals.requestApproval(callOf(newDigest()).toBuilder()
                .setExpiresAt(timestamp(expiresAt)).build());
        Thread.sleep(Math.max(0, expiresAt.toEpochMilli() - System.currentTimeMillis()) + 100);

        given().contentType(ContentType.JSON).body("{\"reason\":\"too late\"}")
                .when().post(APPROVALS + "/" + requested.getApprovalId() + "/approve")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", containsString("expired"));

        given().when().get(APPROVALS + "/" + requested.getApprovalId())
                .then().statusCode(200).body("state", equalTo("EXPIRED"));
    }

    @Test
    void requestWithoutIdentityOrDigestIsInvalid() {
        StatusRuntimeException invalid = assertThrows(StatusRuntimeException.class,
                () -> approvals.requestApproval(ApprovalRequest.newBuilder().setResource("payments").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, invalid.getStatus().getCode());
        assertTrue(invalid.getStatus().getDescription().contains("identity is required"));
        assertTrue(invalid.getStatus().getDescription().contains("request_digest is required"));
    }

    @Test
    void requestedExpiryIsCappedByMaxTtl() {
        ApprovalTicket requested = approvals.requestApproval(callOf(newDigest()).toBuilder()
                .setExpiresAt(timestamp(Instant.now().plus(30, ChronoUnit.DAYS))).build());
        Instant expiresAt = Instant.ofEpochSecond(requested.getExpiresAt().getSeconds());
        assertTrue(expiresAt.isBefore(Instant.now().plus(24, ChronoUnit.HOURS).plusSeconds(5)));
    }

    @Test
    void unknownApprovalIsNotFound() {
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                () -> watch(UUID.randomUUID().toString()).next());
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
    }

    @Test
    @TestSecurity(user = "alice")
    void unknownApprovalIsNotFoundOverRest() {
        given().when().get(APPROVALS + "/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}")
                .when().post(APPROVALS + "/" + UUID.randomUUID() + "/approve")
                .then().statusCode(404);
    }

    @Test
    void restRequiresAuthentication() {
        given().when().get(APPROVALS).then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"reason\":\"x\"}")
                .when().post(APPROVALS + "/" + UUID.randomUUID() + "/approve")
                .then().statusCode(401);
    }

    private void approve(String approvalId) {
        given().contentType(ContentType.JSON).body("{\"reason\":\"ok\"}")
                .when().post(APPROVALS + "/" + approvalId + "/approve")
                .then().statusCode(200).body("state", equalTo("APPROVED"));
    }

    private Iterator<ApprovalTicket> watch(String approvalId) {
        return approvals.withDeadlineAfter(10, TimeUnit.SECONDS)
                .watchApproval(WatchApprovalRequest.newBuilder().setApprovalId(approvalId).build());
    }

    private static ApprovalRequest callOf(String digest) {
        return ApprovalRequest.newBuilder()
                .setIdentity("ci-deploy")
                .setResource("payments")
                .setMethod("POST")
                .setPath("/refunds")
                .setRequestDigest(digest)
                .setJustification("nightly refund batch")
                .setQuorum(1)
                .setDataPlaneId("dp-1")
                .setRequestId(UUID.randomUUID().toString())
                .build();
    }

    private static ConsumeApprovalRequest consumeOf(String approvalId, String digest) {
        return ConsumeApprovalRequest.newBuilder()
                .setApprovalId(approvalId)
                .setIdentity("ci-deploy")
                .setRequestDigest(digest)
                .build();
    }

    private static String newDigest() {
        return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
