package io.gatehouse.approval;

import io.gatehouse.launcher.testing.PostgresTestResource;
import io.gatehouse.proto.approval.v1.ApprovalDecision;
import io.gatehouse.proto.approval.v1.ApprovalServiceGrpc;
import io.gatehouse.proto.approval.v1.ApprovalState;
import io.gatehouse.proto.approval.v1.ApprovalTicket;
import io.gatehouse.proto.approval.v1.ApproverServiceGrpc;
import io.gatehouse.proto.approval.v1.ListOpenReviewsRequest;
import io.gatehouse.proto.approval.v1.ReviewRequest;
import io.gatehouse.proto.approval.v1.ReviewState;
import io.gatehouse.proto.audit.v1.AuditEvent;
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

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Break-glass calls: recorded at once, with a review that stays open until a member of the group closes it. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "approval_break_glass_test"))
@QuarkusTestResource(SlackStandIn.class)
class BreakGlassReviewTest {

    private static final String GROUP = ApproverRulesTest.GROUP;

    @GrpcClient("approval")
    ApprovalServiceGrpc.ApprovalServiceBlockingStub dataPlane;

    @GrpcClient("approver")
    ApproverServiceGrpc.ApproverServiceBlockingStub approvers;

    @Test
    void aBreakGlassCallIsRecordedWithAnOpenReviewAndReachesTheAuditTrail() throws Exception {
        ApprovalTicket recorded = dataPlane.recordBreakGlass(ApproverRulesTest.call(1)
                .setJustification("payments are down, refunding by hand").build());

        assertEquals(ApprovalState.APPROVAL_STATE_BREAK_GLASS, recorded.getState());
        assertEquals(ReviewState.REVIEW_STATE_OPEN, recorded.getReview().getState());
        List<AuditEvent> events = AuditIngestionStandIn.awaitKinds(recorded.getApprovalId(), "approval.break_glass");
        AuditEvent event = events.get(0);
        assertEquals("ci-deploy", event.getActor());
        assertEquals("payments", event.getResource());
        assertTrue(event.getReason().contains("payments are down"), event::getReason);
    }

    @Test
    void breakGlassNeedsAReason() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> dataPlane.recordBreakGlass(ApproverRulesTest.call(1).clearJustification().build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
    }

    @Test
    @TestSecurity(user = "auditor", roles = GROUP)
    void aMemberOfTheGroupSeesAndClosesTheReviewOverRest() throws Exception {
        String id = dataPlane.recordBreakGlass(ApproverRulesTest.call(1).build()).getApprovalId();

        given().when().get("/api/v1/reviews").then().statusCode(200).body("id", hasItem(id));
        given().when().get("/api/v1/reviews?group=" + GROUP).then().statusCode(200).body("id", hasItem(id));

        given().contentType(ContentType.JSON).body("{\"justified\": false, \"reason\": \"should have waited\"}")
                .when().post("/api/v1/reviews/" + id)
                .then().statusCode(200)
                .body("state", equalTo("BREAK_GLASS"))
                .body("review.state", equalTo("CLOSED"))
                .body("review.reviewedBy", equalTo("auditor"))
                .body("review.verdict", equalTo("DENY"))
                .body("history.event", org.hamcrest.Matchers.contains("BREAK_GLASS", "REVIEWED"));

        given().when().get("/api/v1/reviews").then().statusCode(200).body("id", not(hasItem(id)));
        given().contentType(ContentType.JSON).body("{\"justified\": true}")
                .when().post("/api/v1/reviews/" + id).then().statusCode(409);
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/reviews/" + id).then().statusCode(400);
        AuditIngestionStandIn.awaitKinds(id, "approval.break_glass", "approval.reviewed");
    }

    @Test
    @TestSecurity(user = "mallory", roles = "marketing")
    void outsidersNeitherSeeNorCloseReviews() {
        String id = dataPlane.recordBreakGlass(ApproverRulesTest.call(1).build()).getApprovalId();

        given().when().get("/api/v1/reviews").then().statusCode(200).body("id", not(hasItem(id)));
        given().when().get("/api/v1/reviews?group=" + GROUP).then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"justified\": true}")
                .when().post("/api/v1/reviews/" + id).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "ci-deploy", roles = GROUP)
    void theIdentityCannotReviewItsOwnBreakGlass() {
        String id = dataPlane.recordBreakGlass(ApproverRulesTest.call(1).build()).getApprovalId();

        given().contentType(ContentType.JSON).body("{\"justified\": true}")
                .when().post("/api/v1/reviews/" + id).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "auditor", roles = GROUP)
    void anOrdinaryApprovalHasNothingToReview() {
        String id = dataPlane.requestApproval(ApproverRulesTest.call(1).build()).getApprovalId();

        given().contentType(ContentType.JSON).body("{\"justified\": true}")
                .when().post("/api/v1/reviews/" + id).then().statusCode(409);
    }

    @Test
    void reviewsOverGrpc() {
        String id = dataPlane.recordBreakGlass(ApproverRulesTest.call(1).build()).getApprovalId();
        ApproverServiceGrpc.ApproverServiceBlockingStub carol = as("carol", GROUP);

        assertTrue(carol.listOpenReviews(ListOpenReviewsRequest.newBuilder().setApproverGroup(GROUP).build())
                .getApprovalsList().stream().anyMatch(ticket -> ticket.getApprovalId().equals(id)));
        StatusRuntimeException outsider = assertThrows(StatusRuntimeException.class, () -> as("dave", "marketing")
                .listOpenReviews(ListOpenReviewsRequest.newBuilder().setApproverGroup(GROUP).build()));
        assertEquals(Status.Code.PERMISSION_DENIED, outsider.getStatus().getCode());

        ApprovalTicket reviewed = carol.review(ReviewRequest.newBuilder().setApprovalId(id)
                .setVerdict(ApprovalDecision.APPROVAL_DECISION_APPROVE).setReason("outage INC-7").build());
        assertEquals(ReviewState.REVIEW_STATE_CLOSED, reviewed.getReview().getState());
        assertEquals("carol", reviewed.getReview().getReviewedBy());
        assertEquals(ApprovalDecision.APPROVAL_DECISION_APPROVE, reviewed.getReview().getVerdict());

        StatusRuntimeException again = assertThrows(StatusRuntimeException.class, () -> carol.review(
                ReviewRequest.newBuilder().setApprovalId(id).setVerdict(ApprovalDecision.APPROVAL_DECISION_DENY).build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, again.getStatus().getCode());
    }

    private ApproverServiceGrpc.ApproverServiceBlockingStub as(String name, String... groups) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + TestApproverAuthenticator.token(name, groups));
        return approvers.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
    }
}
