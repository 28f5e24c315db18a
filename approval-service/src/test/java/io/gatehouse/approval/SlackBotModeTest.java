package io.gatehouse.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.gatehouse.proto.approval.v1.ApprovalServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bot mode: the approval is posted with chat.postMessage and the message is replaced with chat.update once decided. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "approval_slack_bot_test"))
@QuarkusTestResource(SlackStandIn.class)
@QuarkusTestResource(value = SlackBotModeResource.class, restrictToAnnotatedClass = true)
class SlackBotModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @GrpcClient("approval")
    ApprovalServiceGrpc.ApprovalServiceBlockingStub dataPlane;

    @Test
    @TestSecurity(user = "auditor", roles = ApproverRulesTest.GROUP)
    void theMessageIsPostedByTheBotAndUpdatedWhenDecidedOverRest() throws Exception {
        String id = dataPlane.requestApproval(ApproverRulesTest.call(1).build()).getApprovalId();

        SlackStandIn.Received posted = webApiCall("/api/chat.postMessage", id);
        assertEquals("Bearer " + SlackBotModeResource.BOT_TOKEN, posted.authorization());
        JsonNode message = JSON.readTree(posted.body());
        assertEquals(SlackStandIn.CHANNEL, message.path("channel").asText());
        assertEquals("actions", message.path("blocks").path(2).path("type").asText(), "Approve / Deny buttons");

        given().contentType(ContentType.JSON).body("{\"reason\": \"ticket PAY-9\"}")
                .when().post("/api/v1/approvals/" + id + "/approve").then().statusCode(200);

        SlackStandIn.Received update = webApiCall("/api/chat.update", id);
        assertEquals("Bearer " + SlackBotModeResource.BOT_TOKEN, update.authorization());
        JsonNode replaced = JSON.readTree(update.body());
        assertEquals(SlackStandIn.CHANNEL, replaced.path("channel").asText());
        assertTrue(replaced.path("ts").asText().matches("\\d+\\.\\d+"), replaced::toString);
        assertTrue(replaced.path("text").asText().contains("approved by auditor: ticket PAY-9"), replaced::toString);
        assertEquals("Approval approved", replaced.path("blocks").path(0).path("text").path("text").asText());
        for (JsonNode block : replaced.path("blocks")) {
            assertFalse(block.path("type").asText().equals("actions"), "no buttons on a decided approval");
        }
        assertFalse(replaced.toString().contains("customer=42"), "still masked");
    }

    @Test
    @TestSecurity(user = "auditor", roles = ApproverRulesTest.GROUP)
    void anApprovalDecidedBeforeSlackAnsweredThePostIsUpdatedOnceTheAnswerComes() throws Exception {
        SlackStandIn.holdWebApiAnswers();
        try {
            String id = dataPlane.requestApproval(ApproverRulesTest.call(1).build()).getApprovalId();
            webApiCall("/api/chat.postMessage", id);
            // decided while the post still waits for Slack's answer, so the message's place is not known yet
            given().contentType(ContentType.JSON).body("{\"reason\": \"fast decision\"}")
                    .when().post("/api/v1/approvals/" + id + "/approve").then().statusCode(200);
            SlackStandIn.answerWebApi();

            SlackStandIn.Received update = webApiCall("/api/chat.update", id);
            assertTrue(JSON.readTree(update.body()).path("text").asText().contains("approved by auditor: fast decision"),
                    update::body);
        } finally {
            SlackStandIn.answerWebApi();
        }
    }

    private static SlackStandIn.Received webApiCall(String path, String approvalId) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            SlackStandIn.Received received = SlackStandIn.WEB_API.poll(200, TimeUnit.MILLISECONDS);
            if (received != null && received.path().equals(path) && received.body().contains(approvalId)) {
                return received;
            }
        }
        throw new AssertionError("no " + path + " call about approval " + approvalId);
    }
}
