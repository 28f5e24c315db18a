package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A caller that prefers not to be held (RFC 7240 {@code Prefer: respond-async}, as a CI job would)
 * gets 202 with the approval id and a status URL at once, and after the approval the same call
 * passes exactly once.
 */
@Order(3)
class ApprovalRetryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REFUND = "{\"customerId\":\"7\",\"amount\":\"3.00\",\"note\":\"retry flow\"}";

    @Test
    void asyncCallerGets202ThenItsRetryPassesOnceAfterApproval() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String refunds = suite.proxyUrl() + "/demo/refunds";
        String approver = Tokens.admin("retry-approver");

        HttpResponse<String> first = refundPreferringAsync(refunds, REFUND);
        assertEquals(202, first.statusCode(), () -> Http.describe(first));
        JsonNode pending = JSON.readTree(first.body());
        String approvalId = pending.path("approvalId").asText();
        String statusUrl = pending.path("statusUrl").asText();
        assertEquals(statusUrl, first.headers().firstValue("Location").orElse(""), () -> Http.describe(first));
        assertTrue(first.headers().firstValue("Retry-After").isPresent(), () -> Http.describe(first));
        assertEquals(suite.httpUrl(Service.APPROVAL_SERVICE) + "/api/v1/approvals/" + approvalId, statusUrl);
        HttpResponse<String> status = Http.get(statusUrl, approver);
        assertEquals("PENDING", JSON.readTree(status.body()).path("state").asText(), () -> Http.describe(status));
        assertEquals("Deploys acme/deploy from main", JSON.readTree(status.body()).path("justification").asText(),
                "without a justification header the identity's purpose is the justification: " + status.body());

        HttpResponse<String> stillPending = refundPreferringAsync(refunds, REFUND);
        assertEquals(202, stillPending.statusCode(), () -> Http.describe(stillPending));
        assertEquals(approvalId, JSON.readTree(stillPending.body()).path("approvalId").asText(),
                "the same call while pending refers to the same approval");

        HttpResponse<String> approved = Http.postJson(statusUrl + "/approve", approver, "{\"reason\":\"retry flow\"}");
        assertEquals(200, approved.statusCode(), () -> Http.describe(approved));

        HttpResponse<String> otherBody = refundPreferringAsync(refunds, REFUND.replace("3.00", "3000.00"));
        assertEquals(202, otherBody.statusCode(), () -> "an approval is bound to the exact body: " + Http.describe(otherBody));
        assertNotEquals(approvalId, JSON.readTree(otherBody.body()).path("approvalId").asText());

        HttpResponse<String> retried = refundPreferringAsync(refunds, REFUND);
        assertEquals(201, retried.statusCode(), () -> "the approved call passes: " + Http.describe(retried));

        HttpResponse<String> replayed = refundPreferringAsync(refunds, REFUND);
        assertEquals(202, replayed.statusCode(), () -> "an approval lets one call through: " + Http.describe(replayed));
        assertNotEquals(approvalId, JSON.readTree(replayed.body()).path("approvalId").asText());

        for (HttpResponse<String> leftOver : new HttpResponse[] {otherBody, replayed}) {
            String id = JSON.readTree(leftOver.body()).path("approvalId").asText();
            Http.postJson(suite.httpUrl(Service.APPROVAL_SERVICE) + "/api/v1/approvals/" + id + "/deny", approver,
                    "{\"reason\":\"test cleanup\"}");
        }
    }

    private static HttpResponse<String> refundPreferringAsync(String url, String body) {
        return Http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + Tokens.deployBot())
                .header("Content-Type", "application/json")
                .header("Prefer", "respond-async")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }
}
