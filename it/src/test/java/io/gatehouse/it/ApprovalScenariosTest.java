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

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Just-in-time approvals end to end, with real processes: two data-plane replicas, quorum, self-approval,
 * a retry bound to its approval, expiry, break-glass with its review, cancellation when the caller gives up,
 * and every transition in the control plane's audit trail. Grants are those of the demo config (launcher
 * {@code DemoFiles}): {@code /refunds} quorum 1, {@code /refunds/bulk} quorum 2, {@code /refunds/express}
 * held 2 s and valid 8 s, {@code /refunds/emergency} with break-glass.
 */
@Order(3)
class ApprovalScenariosTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPROVAL_ID = "X-Gatehouse-Approval-Id";
    private static final HttpClient CONCURRENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theSameApprovalRetriedOnTwoReplicasAtOncePassesExactlyOnce() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String replica = GatehouseSuite.secondDataPlane();
        String body = refund("two replicas");
        HttpResponse<String> asked = call(suite.proxyUrl(), "/refunds", body, Map.of("Prefer", "respond-async"));
        assertEquals(202, asked.statusCode(), () -> Http.describe(asked));
        String id = approvalIdOf(asked);
        assertEquals(200, decide(suite, id, "approve", "approver-r").statusCode());
        int upstreamBefore = suite.upstream().requests().size();

        List<CompletableFuture<HttpResponse<String>>> retries = new ArrayList<>();
        for (String proxy : List.of(suite.proxyUrl(), replica)) {
            retries.add(CONCURRENT.sendAsync(request(proxy, "/refunds", body, Map.of("Prefer", "respond-async", APPROVAL_ID, id)),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> retry : retries) {
            statuses.add(retry.get(60, TimeUnit.SECONDS).statusCode());
        }

        assertEquals(1, statuses.stream().filter(status -> status == 201).count(), () -> "statuses " + statuses);
        assertEquals(1, statuses.stream().filter(status -> status == 403).count(), () -> "statuses " + statuses);
        assertEquals(1, suite.upstream().requests().stream().skip(upstreamBefore)
                .filter(received -> received.body().equals(body)).count(), "the upstream got the refund once");
        assertEquals("CONSUMED", approval(suite, id).path("state").asText());
    }

    @Test
    void aQuorumOfTwoNeedsTwoDistinctApproversAndEveryStepReachesTheAuditTrail() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String body = refund("bulk");
        HttpResponse<String> asked = call(suite.proxyUrl(), "/refunds/bulk", body, Map.of("Prefer", "respond-async"));
        assertEquals(202, asked.statusCode(), () -> Http.describe(asked));
        String id = approvalIdOf(asked);
        String requestId = JSON.readTree(asked.body()).path("requestId").asText();

        HttpResponse<String> first = decide(suite, id, "approve", "quorum-one");
        assertEquals(200, first.statusCode(), () -> Http.describe(first));
        assertEquals("PENDING", JSON.readTree(first.body()).path("state").asText(), "one of two approvers");
        assertEquals(409, decide(suite, id, "approve", "quorum-one").statusCode(), "an approver counts once");
        HttpResponse<String> pendingRetry = call(suite.proxyUrl(), "/refunds/bulk", body,
                Map.of("Prefer", "respond-async", APPROVAL_ID, id));
        assertEquals(202, pendingRetry.statusCode(), () -> "still waiting for the second approver: " + Http.describe(pendingRetry));
        HttpResponse<String> second = decide(suite, id, "approve", "quorum-two");
        assertEquals("APPROVED", JSON.readTree(second.body()).path("state").asText(), () -> Http.describe(second));

        HttpResponse<String> retried = call(suite.proxyUrl(), "/refunds/bulk", body, Map.of(APPROVAL_ID, id));
        assertEquals(201, retried.statusCode(), () -> Http.describe(retried));

        List<JsonNode> audit = awaitAudit(suite, requestId, events -> hasReasons(events, id,
                "approval requested by deploy-bot", "approval vote by quorum-one", "approved by quorum-one,quorum-two",
                "approval used by the approved call"));
        assertTrue(audit.stream().anyMatch(event -> event.path("approvalId").asText().equals(id)
                && event.path("status").asInt() == 202), "the data plane's own record of the held call is there too");
    }

    @Test
    void theIdentityCannotApproveItsOwnCall() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        HttpResponse<String> asked = call(suite.proxyUrl(), "/refunds", refund("self approval"), Map.of("Prefer", "respond-async"));
        String id = approvalIdOf(asked);

        HttpResponse<String> self = decide(suite, id, "approve", "deploy-bot");
        assertEquals(403, self.statusCode(), () -> Http.describe(self));
        assertTrue(self.body().contains("own call"), self::body);
        assertEquals("PENDING", approval(suite, id).path("state").asText());
        decide(suite, id, "deny", "cleanup-approver");
    }

    @Test
    void aRetryWithAnotherBodyIsRefusedAndTheApprovedCallPassesOnce() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String body = refund("replay");
        String id = approvalIdOf(call(suite.proxyUrl(), "/refunds", body, Map.of("Prefer", "respond-async")));
        assertEquals(200, decide(suite, id, "approve", "replay-approver").statusCode());
        int upstreamBefore = suite.upstream().requests().size();

        HttpResponse<String> otherBody = call(suite.proxyUrl(), "/refunds", body.replace("1.00", "1000.00"), Map.of(APPROVAL_ID, id));
        assertEquals(403, otherBody.statusCode(), () -> Http.describe(otherBody));
        assertTrue(otherBody.body().contains("another request"), otherBody::body);
        HttpResponse<String> otherPath = call(suite.proxyUrl(), "/refunds/bulk", body, Map.of(APPROVAL_ID, id));
        assertEquals(403, otherPath.statusCode(), () -> Http.describe(otherPath));

        assertEquals(201, call(suite.proxyUrl(), "/refunds", body, Map.of(APPROVAL_ID, id)).statusCode());
        HttpResponse<String> replayed = call(suite.proxyUrl(), "/refunds", body, Map.of(APPROVAL_ID, id));
        assertEquals(403, replayed.statusCode(), () -> "an approval lets one call through: " + Http.describe(replayed));
        assertEquals(1, suite.upstream().requests().stream().skip(upstreamBefore)
                .filter(received -> received.path().equals("/refunds")).count());
    }

    @Test
    void anApprovalNotDecidedWithinItsValidityExpiresAndItsRetryIsRefused() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String body = refund("express");
        Instant sent = Instant.now();
        HttpResponse<String> held = call(suite.proxyUrl(), "/refunds/express", body, Map.of());
        assertEquals(202, held.statusCode(), () -> Http.describe(held));
        assertTrue(Duration.between(sent, Instant.now()).toMillis() >= 1500,
                "the call is held for the grant's hold time (2 s) before the 202");
        String id = approvalIdOf(held);
        String requestId = JSON.readTree(held.body()).path("requestId").asText();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        while (!approval(suite, id).path("state").asText().equals("EXPIRED")) {
            if (Instant.now().isAfter(deadline)) {
                fail("approval " + id + " (valid 8 s) did not expire: " + approval(suite, id));
            }
            Thread.sleep(500);
        }
        assertEquals(409, decide(suite, id, "approve", "late-approver").statusCode(), "a decision after expiry is ignored");
        HttpResponse<String> retried = call(suite.proxyUrl(), "/refunds/express", body, Map.of(APPROVAL_ID, id));
        assertEquals(403, retried.statusCode(), () -> Http.describe(retried));
        assertTrue(retried.body().contains("expired"), retried::body);
        awaitAudit(suite, requestId, events -> hasReasons(events, id, "approval expired undecided"));
    }

    @Test
    void breakGlassPassesAtOnceAndLeavesAnOpenReview() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String reason = "INC-" + UUID.randomUUID().toString().substring(0, 8) + ": refunds stuck";
        String reviews = suite.httpUrl(Service.APPROVAL_SERVICE) + "/api/v1/reviews";

        HttpResponse<String> notAllowed = call(suite.proxyUrl(), "/refunds", refund("glass"), Map.of("X-Gatehouse-Break-Glass", reason));
        assertEquals(403, notAllowed.statusCode(), () -> "this grant has no break-glass: " + Http.describe(notAllowed));
        HttpResponse<String> passed = call(suite.proxyUrl(), "/refunds/emergency", refund("glass"),
                Map.of("X-Gatehouse-Break-Glass", reason));
        assertEquals(201, passed.statusCode(), () -> Http.describe(passed));
        String requestId = passed.headers().firstValue("X-Gatehouse-Request-Id").orElseThrow();

        JsonNode open = openReviewWithJustification(reviews, reason);
        String id = open.path("id").asText();
        assertEquals("BREAK_GLASS", open.path("state").asText());
        assertEquals("deploy-bot", open.path("identity").asText());
        HttpResponse<String> reviewed = Http.postJson(reviews + "/" + id, Tokens.admin("reviewer-rita"),
                "{\"justified\": true, \"reason\": \"the outage was real\"}");
        assertEquals(200, reviewed.statusCode(), () -> Http.describe(reviewed));
        assertEquals("CLOSED", JSON.readTree(reviewed.body()).path("review").path("state").asText());
        assertTrue(reviewsOpen(reviews).stream().noneMatch(review -> review.path("id").asText().equals(id)));

        awaitAudit(suite, requestId, events -> hasReasons(events, id,
                "break-glass by deploy-bot: passed without approval, review required: " + reason,
                "break-glass reviewed by reviewer-rita: justified"));
    }

    @Test
    void aCallerWhoGivesUpWhileHeldCancelsItsApproval() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String justification = "give-up-" + UUID.randomUUID();
        URI proxy = URI.create(suite.proxyUrl());
        String body = refund("gives up");
        String id;
        try (Socket socket = new Socket(proxy.getHost(), proxy.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /demo/refunds HTTP/1.1\r\nHost: " + proxy.getAuthority() + "\r\nAuthorization: Bearer "
                    + Tokens.deployBot() + "\r\nContent-Type: application/json\r\nX-Gatehouse-Justification: " + justification
                    + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            id = awaitApproval(suite, "PENDING", justification).path("id").asText();
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!approval(suite, id).path("state").asText().equals("CANCELLED")) {
            if (Instant.now().isAfter(deadline)) {
                fail("the approval of a caller that went away stays " + approval(suite, id));
            }
            Thread.sleep(200);
        }
    }

    // ---- helpers

    private static String refund(String note) {
        return "{\"customerId\":\"9\",\"amount\":\"1.00\",\"note\":\"" + note + " " + UUID.randomUUID() + "\"}";
    }

    private static HttpRequest request(String proxy, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy + "/demo" + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + Tokens.deployBot())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return request.build();
    }

    private static HttpResponse<String> call(String proxy, String path, String body, Map<String, String> headers) {
        return Http.send(request(proxy, path, body, headers));
    }

    private static String approvalIdOf(HttpResponse<String> pending) throws Exception {
        assertEquals(202, pending.statusCode(), () -> Http.describe(pending));
        return JSON.readTree(pending.body()).path("approvalId").asText();
    }

    private static HttpResponse<String> decide(Suite suite, String id, String decision, String approver) {
        return Http.postJson(suite.httpUrl(Service.APPROVAL_SERVICE) + "/api/v1/approvals/" + id + "/" + decision,
                Tokens.admin(approver), "{\"reason\":\"end-to-end test\"}");
    }

    private static JsonNode approval(Suite suite, String id) throws Exception {
        HttpResponse<String> response = Http.get(suite.httpUrl(Service.APPROVAL_SERVICE) + "/api/v1/approvals/" + id,
                Tokens.admin("it-reader"));
        assertEquals(200, response.statusCode(), () -> Http.describe(response));
        return JSON.readTree(response.body());
    }

    private static JsonNode awaitApproval(Suite suite, String state, String justification) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> list = Http.get(suite.httpUrl(Service.APPROVAL_SERVICE) + "/api/v1/approvals?state=" + state,
                    Tokens.admin("it-reader"));
            for (JsonNode approval : JSON.readTree(list.body())) {
                if (approval.path("justification").asText().equals(justification)) {
                    return approval;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + state + " approval with justification " + justification);
    }

    private static List<JsonNode> reviewsOpen(String reviews) throws Exception {
        HttpResponse<String> response = Http.get(reviews, Tokens.admin("reviewer-rita"));
        assertEquals(200, response.statusCode(), () -> Http.describe(response));
        List<JsonNode> open = new ArrayList<>();
        JSON.readTree(response.body()).forEach(open::add);
        return open;
    }

    private static JsonNode openReviewWithJustification(String reviews, String justification) throws Exception {
        return reviewsOpen(reviews).stream()
                .filter(review -> review.path("justification").asText().equals(justification)
                        && review.path("review").path("state").asText().equals("OPEN"))
                .findFirst().orElseThrow(() -> new AssertionError("no open review for " + justification));
    }

    /** The control plane's audit events of one request id, once {@code complete} holds for them. */
    private static List<JsonNode> awaitAudit(Suite suite, String requestId, Predicate<List<JsonNode>> complete) throws Exception {
        String url = suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1/audit/events?requestId=" + requestId + "&limit=100";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<JsonNode> events = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = Http.get(url, Tokens.admin("it-auditor"));
            assertEquals(200, response.statusCode(), () -> Http.describe(response));
            events = new ArrayList<>();
            JSON.readTree(response.body()).forEach(events::add);
            if (complete.test(events)) {
                return events;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the audit trail of request " + requestId + " is incomplete: " + events);
    }

    /** Whether, for every prefix, an audit event about the approval has a reason that starts with it. */
    private static boolean hasReasons(List<JsonNode> events, String approvalId, String... prefixes) {
        List<String> reasons = events.stream()
                .filter(event -> event.path("approvalId").asText().equals(approvalId))
                .map(event -> event.path("reason").asText())
                .toList();
        return Arrays.stream(prefixes).allMatch(prefix -> reasons.stream().anyMatch(reason -> reason.startsWith(prefix)));
    }
}
