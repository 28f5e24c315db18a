package io.gatehouse.approval;

import io.gatehouse.launcher.testing.PostgresTestResource;
import io.gatehouse.proto.approval.v1.ApprovalDecision;
import io.gatehouse.proto.approval.v1.ApprovalRequest;
import io.gatehouse.proto.approval.v1.ApprovalServiceGrpc;
import io.gatehouse.proto.approval.v1.ApprovalTicket;
import io.gatehouse.proto.approval.v1.ApproverServiceGrpc;
import io.gatehouse.proto.approval.v1.CancelApprovalRequest;
import io.gatehouse.proto.approval.v1.DecideRequest;
import io.gatehouse.proto.approval.v1.WatchPendingRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.gatehouse.proto.approval.v1.ApprovalState.APPROVAL_STATE_APPROVED;
import static io.gatehouse.proto.approval.v1.ApprovalState.APPROVAL_STATE_CANCELLED;
import static io.gatehouse.proto.approval.v1.ApprovalState.APPROVAL_STATE_DENIED;
import static io.gatehouse.proto.approval.v1.ApprovalState.APPROVAL_STATE_PENDING;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quorum of distinct approvers, approver group, self-approval, owning team, history; gRPC for approvers. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "approval_rules_test"))
@QuarkusTestResource(SlackStandIn.class)
@QuarkusTestResource(value = DefaultApproverGroupResource.class, restrictToAnnotatedClass = true)
class ApproverRulesTest {

    static final String GROUP = "payments-approvers";
    private static final String APPROVALS = "/api/v1/approvals";

    @GrpcClient("approval")
    ApprovalServiceGrpc.ApprovalServiceBlockingStub dataPlane;

    @GrpcClient("approver")
    ApproverServiceGrpc.ApproverServiceBlockingStub approvers;

    @Test
    void quorumOfTwoNeedsTwoDistinctApprovers() {
        ApprovalTicket requested = dataPlane.requestApproval(call(2).build());

        ApprovalTicket first = decide("alice", requested, ApprovalDecision.APPROVAL_DECISION_APPROVE, "looks right");
        assertEquals(APPROVAL_STATE_PENDING, first.getState(), "one approval of two keeps it pending");
        assertEquals(List.of("alice"), first.getApprovedByList());

        StatusRuntimeException twice = assertThrows(StatusRuntimeException.class,
                () -> decide("alice", requested, ApprovalDecision.APPROVAL_DECISION_APPROVE, "again"));
        assertEquals(Status.Code.FAILED_PRECONDITION, twice.getStatus().getCode());
        assertTrue(twice.getStatus().getDescription().contains("counts once"), twice::toString);

        ApprovalTicket second = decide("bob", requested, ApprovalDecision.APPROVAL_DECISION_APPROVE, "agreed");
        assertEquals(APPROVAL_STATE_APPROVED, second.getState());
        assertEquals("alice,bob", second.getDecidedBy());
        assertEquals(List.of("alice", "bob"), second.getApprovedByList());
    }

    @Test
    void oneDenyDenies() {
        ApprovalTicket requested = dataPlane.requestApproval(call(2).build());
        decide("alice", requested, ApprovalDecision.APPROVAL_DECISION_APPROVE, "fine");
        ApprovalTicket denied = decide("bob", requested, ApprovalDecision.APPROVAL_DECISION_DENY, "not today");
        assertEquals(APPROVAL_STATE_DENIED, denied.getState());
        assertEquals("bob", denied.getDecidedBy());
        assertEquals("not today", denied.getReason());
    }

    @Test
    @TestSecurity(user = "carol", roles = "someone-else")
    void approverOutsideTheGroupIsForbidden() {
        ApprovalTicket requested = dataPlane.requestApproval(call(1).build());
        given().contentType(ContentType.JSON).body("{\"reason\":\"x\"}")
                .when().post(APPROVALS + "/" + requested.getApprovalId() + "/approve")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("not a member of the approver group"));
        given().contentType(ContentType.JSON).body("{\"reason\":\"x\"}")
                .when().post(APPROVALS + "/" + requested.getApprovalId() + "/deny")
                .then().statusCode(403);

        ApprovalTicket withoutGroup = dataPlane.requestApproval(call(1).clearApproverGroup().build());
        assertEquals(GROUP, withoutGroup.getApproverGroup(), "the default approver group applies");
        given().contentType(ContentType.JSON).body("{\"reason\":\"x\"}")
                .when().post(APPROVALS + "/" + withoutGroup.getApprovalId() + "/approve")
                .then().statusCode(403);

        StatusRuntimeException grpc = assertThrows(StatusRuntimeException.class,
                () -> decide("carol-grpc", requested, ApprovalDecision.APPROVAL_DECISION_APPROVE, "x", "someone-else"));
        assertEquals(Status.Code.PERMISSION_DENIED, grpc.getStatus().getCode());
    }

    @Test
    @TestSecurity(user = "carol", roles = "someone-else")
    void anApprovalIsHiddenFromThoseOutsideItsApproverGroup() {
        ApprovalTicket requested = dataPlane.requestApproval(call(1).build());

        given().when().get(APPROVALS + "/" + requested.getApprovalId())
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get(APPROVALS)
                .then().statusCode(200).body("id", not(hasItem(requested.getApprovalId())));
    }

    @Test
    @TestSecurity(user = "ava", roles = "gatehouse-auditors")
    void auditorsReadEveryApproval() {
        ApprovalTicket requested = dataPlane.requestApproval(call(1).build());

        given().when().get(APPROVALS + "/" + requested.getApprovalId()).then().statusCode(200);
        given().when().get(APPROVALS).then().statusCode(200).body("id", hasItem(requested.getApprovalId()));
    }

    @Test
    @TestSecurity(user = "ci-deploy", roles = GROUP)
    void theRequestingIdentityCannotApproveItself() {
        ApprovalTicket requested = dataPlane.requestApproval(call(1).build());
        given().contentType(ContentType.JSON).body("{\"reason\":\"me\"}")
                .when().post(APPROVALS + "/" + requested.getApprovalId() + "/approve")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("own call"));
        given().when().get(APPROVALS + "/" + requested.getApprovalId())
                .then().statusCode(200).body("state", equalTo("PENDING")).body("decisions", hasSize(0));
    }

    @Test
    @TestSecurity(user = "dave", roles = {GROUP, "payments-team"})
    void theOwningTeamCannotApproveUnlessAllowed() {
        ApprovalTicket owned = dataPlane.requestApproval(call(1).setOwnerTeam("payments-team").build());
        given().contentType(ContentType.JSON).body("{\"reason\":\"mine\"}")
                .when().post(APPROVALS + "/" + owned.getApprovalId() + "/approve")
                .then().statusCode(403).body("detail", containsString("owning team"));

        ApprovalTicket allowed = dataPlane.requestApproval(call(1).setOwnerTeam("payments-team")
                .setOwnerTeamMayApprove(true).build());
        given().contentType(ContentType.JSON).body("{\"reason\":\"allowed\"}")
                .when().post(APPROVALS + "/" + allowed.getApprovalId() + "/approve")
                .then().statusCode(200).body("state", equalTo("APPROVED"));
    }

    @Test
    @TestSecurity(user = "auditor", roles = GROUP)
    void everyTransitionIsInTheHistory() {
        ApprovalTicket requested = dataPlane.requestApproval(call(2).build());
        decide("alice", requested, ApprovalDecision.APPROVAL_DECISION_APPROVE, "first look");
        decide("bob", requested, ApprovalDecision.APPROVAL_DECISION_APPROVE, "second look");

        given().when().get(APPROVALS + "/" + requested.getApprovalId())
                .then().statusCode(200)
                .body("state", equalTo("APPROVED"))
                .body("approvedBy", contains("alice", "bob"))
                .body("decisions.approver", contains("alice", "bob"))
                .body("decisions.decision", contains("APPROVE", "APPROVE"))
                .body("history.event", contains("REQUESTED", "APPROVAL_RECORDED", "APPROVED"))
                .body("history.state", contains("PENDING", "PENDING", "APPROVED"))
                .body("history.actor", contains("ci-deploy", "alice", "bob"))
                .body("history.reason", contains("nightly refund batch", "first look", "second look"))
                .body("history[0].at", equalTo(given().when().get(APPROVALS + "/" + requested.getApprovalId())
                        .then().extract().path("createdAt")));
    }

    @Test
    @TestSecurity(user = "auditor", roles = GROUP)
    void aPendingApprovalCanBeCancelledByItsIdentity() {
        ApprovalTicket requested = dataPlane.requestApproval(call(1).build());
        StatusRuntimeException other = assertThrows(StatusRuntimeException.class,
                () -> dataPlane.cancelApproval(CancelApprovalRequest.newBuilder()
                        .setApprovalId(requested.getApprovalId()).setIdentity("someone-else").build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, other.getStatus().getCode());

        ApprovalTicket cancelled = dataPlane.cancelApproval(CancelApprovalRequest.newBuilder()
                .setApprovalId(requested.getApprovalId()).setIdentity("ci-deploy").setReason("caller gave up").build());
        assertEquals(APPROVAL_STATE_CANCELLED, cancelled.getState());

        given().contentType(ContentType.JSON).body("{\"reason\":\"late\"}")
                .when().post(APPROVALS + "/" + requested.getApprovalId() + "/approve")
                .then().statusCode(409);
        given().when().get(APPROVALS + "/" + requested.getApprovalId())
                .then().statusCode(200)
                .body("history.event", contains("REQUESTED", "CANCELLED"))
                .body("history[1].reason", equalTo("caller gave up"));
    }

    @Test
    void watchPendingStreamsCurrentThenNewApprovalsOfTheGroup() {
        String group = "watchers-" + UUID.randomUUID();
        ApprovalTicket existing = dataPlane.requestApproval(call(1).setApproverGroup(group).build());
        dataPlane.requestApproval(call(1).setApproverGroup("not-" + group).build());

        Iterator<ApprovalTicket> stream = as("walter", group).withDeadlineAfter(10, TimeUnit.SECONDS)
                .watchPending(WatchPendingRequest.newBuilder().setApproverGroup(group).build());
        ApprovalTicket first = stream.next();
        assertEquals(existing.getApprovalId(), first.getApprovalId());
        assertEquals("nightly refund batch", first.getJustification());

        ApprovalTicket opened = dataPlane.requestApproval(call(1).setApproverGroup(group).build());
        assertEquals(opened.getApprovalId(), stream.next().getApprovalId());
    }

    @Test
    void approverCallsNeedAValidTokenAndGroupMembership() {
        StatusRuntimeException noToken = assertThrows(StatusRuntimeException.class,
                () -> approvers.decide(DecideRequest.newBuilder().setApprovalId(UUID.randomUUID().toString())
                        .setDecision(ApprovalDecision.APPROVAL_DECISION_APPROVE).build()));
        assertEquals(Status.Code.UNAUTHENTICATED, noToken.getStatus().getCode());

        StatusRuntimeException badToken = assertThrows(StatusRuntimeException.class,
                () -> withToken("garbage").decide(DecideRequest.newBuilder()
                        .setApprovalId(UUID.randomUUID().toString())
                        .setDecision(ApprovalDecision.APPROVAL_DECISION_APPROVE).build()));
        assertEquals(Status.Code.UNAUTHENTICATED, badToken.getStatus().getCode());

        StatusRuntimeException otherGroup = assertThrows(StatusRuntimeException.class,
                () -> as("walter", "elsewhere").withDeadlineAfter(5, TimeUnit.SECONDS)
                        .watchPending(WatchPendingRequest.newBuilder().setApproverGroup(GROUP).build()).next());
        assertEquals(Status.Code.PERMISSION_DENIED, otherGroup.getStatus().getCode());
    }

    @Test
    void quorumAboveTheMaximumIsInvalid() {
        StatusRuntimeException invalid = assertThrows(StatusRuntimeException.class,
                () -> dataPlane.requestApproval(call(11).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, invalid.getStatus().getCode());
    }

    private ApprovalTicket decide(String approver, ApprovalTicket approval, ApprovalDecision decision, String reason,
            String... groups) {
        return as(approver, groups.length == 0 ? new String[] {GROUP} : groups).decide(DecideRequest.newBuilder()
                .setApprovalId(approval.getApprovalId()).setDecision(decision).setReason(reason).build());
    }

    private ApproverServiceGrpc.ApproverServiceBlockingStub as(String name, String... groups) {
        return withToken(TestApproverAuthenticator.token(name, groups));
    }

    private ApproverServiceGrpc.ApproverServiceBlockingStub withToken(String token) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return approvers.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
    }

    static ApprovalRequest.Builder call(int quorum) {
        return ApprovalRequest.newBuilder()
                .setIdentity("ci-deploy")
                .setResource("payments")
                .setMethod("POST")
                .setPath("/refunds?customer=42")
                .setRequestDigest(UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", ""))
                .setJustification("nightly refund batch")
                .setApproverGroup(GROUP)
                .setQuorum(quorum)
                .setDataPlaneId("dp-1")
                .setRequestId(UUID.randomUUID().toString());
    }
}
