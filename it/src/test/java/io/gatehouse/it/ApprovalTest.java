package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import io.gatehouse.launcher.upstream.RecordedRequest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A write that needs a human approval is held until an approver approves it, then goes through. */
@Order(3)
class ApprovalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void refundWaitsForApprovalAndGoesThroughOnceApproved() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String approvals = suite.httpUrl(Service.APPROVAL_SERVICE) + "/api/v1/approvals";
        String approver = Tokens.admin("it-approver");
        Set<String> pendingBefore = pendingIds(approvals, approver);
        int upstreamBefore = suite.upstream().requests().size();

        CompletableFuture<HttpResponse<String>> call = Http.postJsonAsync(suite.proxyUrl() + "/demo/refunds",
                Tokens.deployBot(), "{\"customerId\":\"42\",\"amount\":\"12.50\"}");

        String approvalId = awaitNewPendingApproval(approvals, approver, pendingBefore, call);
        // held: no answer while the approval is pending (hold timeout 30 s)
        Thread.sleep(1500);
        if (call.isDone()) {
            fail("the data plane must hold the call while approval " + approvalId
                    + " is pending (gatehouse.approval.hold-timeout 30S), but it answered already: " + Http.describe(call.get()));
        }
        assertFalse(refundsSeenSince(suite, upstreamBefore), "the upstream must not see the refund before it is approved");

        HttpResponse<String> pending = Http.get(approvals + "/" + approvalId, approver);
        assertEquals(200, pending.statusCode(), () -> Http.describe(pending));
        assertEquals("PENDING", JSON.readTree(pending.body()).path("state").asText(), () -> Http.describe(pending));

        HttpResponse<String> decision = Http.postJson(approvals + "/" + approvalId + "/approve",
                Tokens.admin("demo-approver"), "{\"reason\":\"checked by the end-to-end test\"}");
        assertEquals(200, decision.statusCode(), () -> Http.describe(decision));

        HttpResponse<String> response = call.get(60, TimeUnit.SECONDS);
        assertEquals(201, response.statusCode(), () -> "after the approval: " + Http.describe(response));
        JsonNode refund = JSON.readTree(response.body());
        assertEquals("issued", refund.path("status").asText(), response::body);
        assertTrue(refund.path("refundId").asText().startsWith("r-"), response::body);
        assertTrue(refundsSeenSince(suite, upstreamBefore), "the upstream got the refund");
        RecordedRequest received = suite.upstream().requests().stream().skip(upstreamBefore)
                .filter(r -> r.path().equals("/refunds")).findFirst().orElseThrow();
        assertEquals("Bearer " + suite.upstreamSecret(), received.header("Authorization"));

        HttpResponse<String> decided = Http.get(approvals + "/" + approvalId, approver);
        assertEquals(200, decided.statusCode(), () -> Http.describe(decided));
        // an approval lets exactly one call through: the held call consumed it
        assertEquals("CONSUMED", JSON.readTree(decided.body()).path("state").asText(), () -> Http.describe(decided));
        assertEquals("demo-approver", JSON.readTree(decided.body()).path("decidedBy").asText(), () -> Http.describe(decided));
        HttpResponse<String> again = Http.postJson(approvals + "/" + approvalId + "/approve",
                Tokens.admin("demo-approver"), "{\"reason\":\"twice\"}");
        assertEquals(409, again.statusCode(), () -> "an approval is decided once: " + Http.describe(again));
    }

    @Test
    void deniedRefundIsRefusedAndNeverReachesTheUpstream() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String approvals = suite.httpUrl(Service.APPROVAL_SERVICE) + "/api/v1/approvals";
        String approver = Tokens.admin("it-approver");
        Set<String> pendingBefore = pendingIds(approvals, approver);
        int upstreamBefore = suite.upstream().requests().size();

        CompletableFuture<HttpResponse<String>> call = Http.postJsonAsync(suite.proxyUrl() + "/demo/refunds",
                Tokens.deployBot(), "{\"customerId\":\"42\",\"amount\":\"999.00\"}");
        String approvalId = awaitNewPendingApproval(approvals, approver, pendingBefore, call);

        HttpResponse<String> decision = Http.postJson(approvals + "/" + approvalId + "/deny",
                Tokens.admin("demo-approver"), "{\"reason\":\"too much\"}");
        assertEquals(200, decision.statusCode(), () -> Http.describe(decision));
        assertEquals("DENIED", JSON.readTree(decision.body()).path("state").asText(), () -> Http.describe(decision));

        HttpResponse<String> response = call.get(60, TimeUnit.SECONDS);
        assertEquals(403, response.statusCode(), () -> "after the denial: " + Http.describe(response));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                () -> Http.describe(response));
        assertFalse(refundsSeenSince(suite, upstreamBefore), "a denied call never reaches the upstream");
    }

    @Test
    void approvalApiNeedsAToken() {
        Suite suite = GatehouseSuite.require(Service.APPROVAL_SERVICE);
        HttpResponse<String> response = Http.get(suite.httpUrl(Service.APPROVAL_SERVICE) + "/api/v1/approvals?state=PENDING", null);
        assertEquals(401, response.statusCode(), () -> Http.describe(response));
    }

    @Test
    void approvalApiAcceptsAdminTokensOfTheAdminIssuerOnly() {
        Suite suite = GatehouseSuite.require(Service.APPROVAL_SERVICE);
        String url = suite.httpUrl(Service.APPROVAL_SERVICE) + "/api/v1/approvals?state=PENDING";
        HttpResponse<String> admin = Http.get(url, Tokens.admin("it-admin"));
        assertEquals(200, admin.statusCode(), () -> Http.describe(admin));
        HttpResponse<String> workload = Http.get(url, Tokens.deployBot());
        assertEquals(401, workload.statusCode(), () -> "a workload token is no admin token: " + Http.describe(workload));
    }

    /** Waits for the approval the call opened (one not pending before); fails if the call is answered first. */
    private static String awaitNewPendingApproval(String approvals, String token, Set<String> pendingBefore,
                                                  CompletableFuture<HttpResponse<String>> call) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            if (call.isDone()) {
                fail("the call must be held until decided, but it returned " + Http.describe(call.get()));
            }
            for (String id : pendingIds(approvals, token)) {
                if (!pendingBefore.contains(id)) {
                    return id;
                }
            }
            assertTrue(Instant.now().isBefore(deadline), "no new PENDING approval at " + approvals + " within 20 s");
            Thread.sleep(200);
        }
    }

    private static boolean refundsSeenSince(Suite suite, int index) {
        List<RecordedRequest> requests = suite.upstream().requests();
        return requests.stream().skip(index).anyMatch(r -> r.path().equals("/refunds"));
    }

    private static Set<String> pendingIds(String approvals, String token) throws Exception {
        HttpResponse<String> response = Http.get(approvals + "?state=PENDING", token);
        assertEquals(200, response.statusCode(), () -> Http.describe(response));
        JsonNode root = JSON.readTree(response.body());
        assertTrue(root.isArray(), () -> "a JSON array: " + response.body());
        Set<String> ids = new HashSet<>();
        for (JsonNode approval : root) {
            assertNotNull(approval.get("id"), () -> "approvals have an id: " + approval);
            ids.add(approval.get("id").asText());
        }
        return ids;
    }
}
