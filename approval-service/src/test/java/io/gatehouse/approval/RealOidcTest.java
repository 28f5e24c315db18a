package io.gatehouse.approval;

import io.gatehouse.launcher.oidc.LocalOidcIssuer;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.gatehouse.proto.approval.v1.ApprovalDecision;
import io.gatehouse.proto.approval.v1.ApprovalServiceGrpc;
import io.gatehouse.proto.approval.v1.ApprovalTicket;
import io.gatehouse.proto.approval.v1.ApproverServiceGrpc;
import io.gatehouse.proto.approval.v1.DecideRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.gatehouse.proto.approval.v1.ApprovalState.APPROVAL_STATE_APPROVED;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Approvers authenticated by real tokens of the suite's local OIDC issuer (groups claim
 * [payments-approvers]): over REST, and over gRPC through the same Quarkus OIDC configuration.
 */
@QuarkusTest
@TestProfile(RealOidcTest.RealOidc.class)
class RealOidcTest {

    /** Its own profile: OIDC on, pointed at the local issuer. */
    public static class RealOidc implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresTestResource.class,
                            java.util.Map.of("database", "approval_oidc_test")),
                    new TestResourceEntry(OidcIssuerTestResource.class));
        }
    }

    @GrpcClient("approval")
    ApprovalServiceGrpc.ApprovalServiceBlockingStub dataPlane;

    @GrpcClient("approver")
    ApproverServiceGrpc.ApproverServiceBlockingStub approvers;

    @BeforeEach
    void issuerRuns() {
        assumeTrue(OidcIssuerTestResource.available(), "the local OIDC issuer has not been built");
    }

    @Test
    void restApproverWithGroupsClaim() {
        ApprovalTicket requested = dataPlane.requestApproval(ApproverRulesTest.call(1).build());
        given().auth().oauth2(OidcIssuerTestResource.issuer.adminToken("oidc-alice"))
                .contentType(ContentType.JSON).body("{\"reason\":\"real token\"}")
                .when().post("/api/v1/approvals/" + requested.getApprovalId() + "/approve")
                .then().statusCode(200)
                .body("state", equalTo("APPROVED"))
                .body("decidedBy", equalTo("oidc-alice"));

        ApprovalTicket otherGroup = dataPlane.requestApproval(ApproverRulesTest.call(1)
                .setApproverGroup("treasury-approvers").build());
        given().auth().oauth2(OidcIssuerTestResource.issuer.adminToken("oidc-alice"))
                .contentType(ContentType.JSON).body("{\"reason\":\"real token\"}")
                .when().post("/api/v1/approvals/" + otherGroup.getApprovalId() + "/approve")
                .then().statusCode(403);
        given().auth().oauth2(OidcIssuerTestResource.issuer.workloadToken("ci-deploy"))
                .when().get("/api/v1/approvals").then().statusCode(401);
    }

    @Test
    void grpcDecideWithARealToken() {
        ApprovalTicket requested = dataPlane.requestApproval(ApproverRulesTest.call(2).build());
        ApprovalTicket first = withToken(OidcIssuerTestResource.issuer.adminToken("oidc-bob")).decide(decide(requested));
        assertEquals(List.of("oidc-bob"), first.getApprovedByList());
        ApprovalTicket second = withToken(OidcIssuerTestResource.issuer.adminToken("oidc-carol")).decide(decide(requested));
        assertEquals(APPROVAL_STATE_APPROVED, second.getState());
        assertEquals("oidc-bob,oidc-carol", second.getDecidedBy());

        StatusRuntimeException wrongAudience = assertThrows(StatusRuntimeException.class,
                () -> withToken(OidcIssuerTestResource.issuer.mintToken(LocalOidcIssuer.CI, "ci-deploy"))
                        .decide(decide(dataPlane.requestApproval(ApproverRulesTest.call(1).build()))));
        assertEquals(Status.Code.UNAUTHENTICATED, wrongAudience.getStatus().getCode());
    }

    private static DecideRequest decide(ApprovalTicket approval) {
        return DecideRequest.newBuilder().setApprovalId(approval.getApprovalId())
                .setDecision(ApprovalDecision.APPROVAL_DECISION_APPROVE).setReason("real token").build();
    }

    private ApproverServiceGrpc.ApproverServiceBlockingStub withToken(String token) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return approvers.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
    }
}
