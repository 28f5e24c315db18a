package io.gatehouse.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.approval.chat.HmacRequestSignature;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.gatehouse.proto.approval.v1.ApprovalServiceGrpc;
import io.gatehouse.proto.approval.v1.ApprovalTicket;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chat approvals against a local stand-in for the Slack API ({@link SlackStandIn}). */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "approval_rules_test"))
@QuarkusTestResource(SlackStandIn.class)
@QuarkusTestResource(value = DefaultApproverGroupResource.class, restrictToAnnotatedClass = true)
class SlackApprovalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @GrpcClient("approval")
    ApprovalServiceGrpc.ApprovalServiceBlockingStub dataPlane;

    @TestHTTPResource("/slack/interactions")
    URI interactions;

    @Test
    @TestSecurity(user = "auditor", roles = ApproverRulesTest.GROUP)
    void approvalIsAnnouncedAndDecidedFromSlack() throws Exception {
        ApprovalTicket requested = dataPlane.requestApproval(ApproverRulesTest.call(1).build());
        String id = requested.getApprovalId();

        JsonNode message = webhookMessageFor(id);
        JsonNode blocks = message.path("blocks");
        assertEquals("header", blocks.path(0).path("type").asText());
        String summary = blocks.path(1).toString();
        for (String expected : new String[] {"ci-deploy", "payments", "POST", "/refunds?…", "nightly refund batch",
                "Expires"}) {
            assertTrue(summary.contains(expected), () -> expected + " missing from " + summary);
        }
        assertFalse(summary.contains("customer=42"), "the query string is masked");
        assertFalse(message.toString().contains(requested.getRequestDigest()), "no request digest in chat");
        JsonNode buttons = blocks.path(2).path("elements");
        assertEquals("actions", blocks.path(2).path("type").asText());
        assertEquals("Approve", buttons.path(0).path("text").path("text").asText());
        assertEquals(id, buttons.path(0).path("value").asText());
        assertEquals("Deny", buttons.path(1).path("text").path("text").asText());
        assertEquals(id, buttons.path(1).path("value").asText());

        String body = interaction(SlackStandIn.SLACK_USER, buttons.path(0).path("action_id").asText(), id);
        long now = Instant.now().getEpochSecond();

        assertEquals(401, post(body, now, HmacRequestSignature.sign("wrong-secret", Long.toString(now),
                bytes(body))).statusCode(), "wrongly signed");
        long stale = now - 6 * 60;
        assertEquals(401, post(body, stale, HmacRequestSignature.sign(SlackStandIn.SIGNING_SECRET,
                Long.toString(stale), bytes(body))).statusCode(), "stale timestamp, correctly signed");
        assertEquals(401, post(body, now, null).statusCode(), "unsigned");
        given().when().get("/api/v1/approvals/" + id).then().body("state", equalTo("PENDING"));
        assertNull(SlackStandIn.RESPONSES.poll(), "refused interactions call nothing back");

        HttpResponse<String> accepted = post(body, now,
                HmacRequestSignature.sign(SlackStandIn.SIGNING_SECRET, Long.toString(now), bytes(body)));
        assertEquals(200, accepted.statusCode(), accepted::body);

        given().when().get("/api/v1/approvals/" + id).then()
                .body("state", equalTo("APPROVED"))
                .body("decidedBy", equalTo(SlackStandIn.SLACK_USER_NAME))
                .body("history[1].actor", equalTo(SlackStandIn.SLACK_USER_NAME));

        SlackStandIn.Received update = SlackStandIn.RESPONSES.poll(10, TimeUnit.SECONDS);
        assertNotNull(update, "the response_url is called with the outcome");
        assertEquals("/response/" + id, update.path());
        JsonNode replaced = JSON.readTree(update.body());
        assertTrue(replaced.path("replace_original").asBoolean());
        assertTrue(replaced.path("text").asText().contains("approved by " + SlackStandIn.SLACK_USER_NAME));
    }

    @Test
    @TestSecurity(user = "auditor", roles = ApproverRulesTest.GROUP)
    void unmappedSlackUserDecidesNothing() throws Exception {
        ApprovalTicket requested = dataPlane.requestApproval(ApproverRulesTest.call(1).build());
        String id = requested.getApprovalId();
        webhookMessageFor(id);
        String body = interaction(SlackStandIn.UNMAPPED_SLACK_USER, "gatehouse_approve", id);
        long now = Instant.now().getEpochSecond();
        assertEquals(200, post(body, now, HmacRequestSignature.sign(SlackStandIn.SIGNING_SECRET,
                Long.toString(now), bytes(body))).statusCode());
        given().when().get("/api/v1/approvals/" + id).then().body("state", equalTo("PENDING"));
        SlackStandIn.Received reply = SlackStandIn.RESPONSES.poll(10, TimeUnit.SECONDS);
        assertNotNull(reply);
        assertEquals("ephemeral", JSON.readTree(reply.body()).path("response_type").asText());
    }

    private static JsonNode webhookMessageFor(String approvalId) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            SlackStandIn.Received received = SlackStandIn.WEBHOOK.poll(500, TimeUnit.MILLISECONDS);
            if (received != null && received.body().contains(approvalId)) {
                return JSON.readTree(received.body());
            }
        }
        throw new AssertionError("no webhook message for approval " + approvalId);
    }

    private static String interaction(String slackUser, String actionId, String approvalId) {
        String payload = JSON.createObjectNode()
                .put("type", "block_actions")
                .put("response_url", SlackStandIn.baseUrl() + "/response/" + approvalId)
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("user",
                        JSON.createObjectNode().put("id", slackUser).put("username", "someone"))
                .set("actions", JSON.createArrayNode().add(JSON.createObjectNode()
                        .put("action_id", actionId).put("value", approvalId).put("type", "button")))
                .toString();
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String body, long timestamp, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(interactions)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
