package io.gatehouse.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.approval.chat.HmacRequestSignature;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.gatehouse.proto.approval.v1.ApprovalServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic signed webhook: signed notifications out, signed decisions in (good, bad, stale signatures). */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "approval_webhook_test"))
@QuarkusTestResource(SlackStandIn.class)
class WebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @GrpcClient("approval")
    ApprovalServiceGrpc.ApprovalServiceBlockingStub dataPlane;

    @TestHTTPResource("/webhook/decisions")
    URI decisions;

    @Test
    @TestSecurity(user = "auditor", roles = ApproverRulesTest.GROUP)
    void notificationsAreSignedAndSignedDecisionsAreTaken() throws Exception {
        String id = dataPlane.requestApproval(ApproverRulesTest.call(1).build()).getApprovalId();

        SlackStandIn.Received notification = notificationAbout(id, "approval.requested");
        assertNull(HmacRequestSignature.problem(SlackStandIn.WEBHOOK_SECRET, notification.timestamp(),
                notification.signature(), notification.body().getBytes(StandardCharsets.UTF_8), Instant.now(),
                Duration.ofMinutes(5)), "the notification carries a valid signature");
        JsonNode summary = JSON.readTree(notification.body()).path("approval");
        assertEquals("ci-deploy", summary.path("identity").asText());
        assertEquals("/refunds", summary.path("path").asText(), "no query string");
        assertFalse(notification.body().contains(dataPlane.getClass().getName()));

        String body = decision(id, "approve", SlackStandIn.CHAT_USER);
        long now = Instant.now().getEpochSecond();
        assertEquals(401, post(body, now, HmacRequestSignature.sign("wrong-secret", Long.toString(now), bytes(body))).statusCode(),
                "wrongly signed");
        long stale = now - 6 * 60;
        assertEquals(401, post(body, stale, HmacRequestSignature.sign(SlackStandIn.WEBHOOK_SECRET, Long.toString(stale),
                bytes(body))).statusCode(), "stale");
        assertEquals(401, post(body, now, null).statusCode(), "unsigned");
        String tampered = body.replace("approve", "deny");
        assertEquals(401, post(tampered, now, HmacRequestSignature.sign(SlackStandIn.WEBHOOK_SECRET, Long.toString(now),
                bytes(body))).statusCode(), "signature of another body");
        given().when().get("/api/v1/approvals/" + id).then().body("state", equalTo("PENDING"));

        HttpResponse<String> accepted = post(body, now, HmacRequestSignature.sign(SlackStandIn.WEBHOOK_SECRET,
                Long.toString(now), bytes(body)));
        assertEquals(200, accepted.statusCode(), accepted::body);
        JsonNode decided = JSON.readTree(accepted.body());
        assertEquals("APPROVED", decided.path("state").asText());
        assertEquals(SlackStandIn.CHAT_USER_NAME, decided.path("decidedBy").asText());

        SlackStandIn.Received outcome = notificationAbout(id, "approval.approved");
        assertTrue(outcome.body().contains(SlackStandIn.CHAT_USER_NAME));
    }

    @Test
    @TestSecurity(user = "auditor", roles = ApproverRulesTest.GROUP)
    void unmappedUsersAndOutsidersDecideNothing() throws Exception {
        String id = dataPlane.requestApproval(ApproverRulesTest.call(1).build()).getApprovalId();
        long now = Instant.now().getEpochSecond();

        String unmapped = decision(id, "approve", "chat-u-unknown");
        assertEquals(403, post(unmapped, now, HmacRequestSignature.sign(SlackStandIn.WEBHOOK_SECRET, Long.toString(now),
                bytes(unmapped))).statusCode());
        String outsider = decision(id, "deny", SlackStandIn.CHAT_OUTSIDER);
        assertEquals(403, post(outsider, now, HmacRequestSignature.sign(SlackStandIn.WEBHOOK_SECRET, Long.toString(now),
                bytes(outsider))).statusCode(), "not a member of the approver group");
        String nonsense = decision(id, "maybe", SlackStandIn.CHAT_USER);
        assertEquals(400, post(nonsense, now, HmacRequestSignature.sign(SlackStandIn.WEBHOOK_SECRET, Long.toString(now),
                bytes(nonsense))).statusCode());

        given().when().get("/api/v1/approvals/" + id).then().body("state", equalTo("PENDING"));
    }

    private static SlackStandIn.Received notificationAbout(String approvalId, String event) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            SlackStandIn.Received received = SlackStandIn.CHAT_WEBHOOK.poll(200, TimeUnit.MILLISECONDS);
            if (received != null && received.body().contains(approvalId)
                    && JSON.readTree(received.body()).path("event").asText().equals(event)) {
                return received;
            }
        }
        throw new AssertionError("no " + event + " notification for approval " + approvalId);
    }

    private static String decision(String approvalId, String decision, String user) {
        return JSON.createObjectNode().put("approvalId", approvalId).put("decision", decision).put("user", user)
                .put("reason", "checked the ticket").toString();
    }

    private HttpResponse<String> post(String body, long timestamp, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(decisions)
                .header("Content-Type", "application/json")
                .header("X-Gatehouse-Request-Timestamp", Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        if (signature != null) {
            request.header("X-Gatehouse-Signature", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
