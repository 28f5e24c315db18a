package io.gatehouse.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.launcher.oidc.LocalOidcIssuer;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import io.gatehouse.launcher.upstream.RecordedRequest;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The demonstration the quickstart runs once the suite is ready: a granted read through the proxy
 * (credential injected, field masked, audited) and a write that waits for a human approval.
 */
final class QuickstartDemo {

    static final String APPROVER = "demo-approver";
    static final String ADMIN = "demo-admin";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Suite suite;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    QuickstartDemo(Suite suite, PrintStream out) {
        this.suite = suite;
        this.out = out;
    }

    /** Runs both demonstrations; true if each went as expected. */
    boolean run() {
        for (Service service : Service.values()) {
            if (!suite.has(service)) {
                out.println("demo skipped: the " + service.displayName() + " is not built.");
                return false;
            }
        }
        boolean read = safely("read demo", this::readDemo);
        boolean write = safely("approval demo", this::approvalDemo);
        return read && write;
    }

    private interface Demo {
        boolean run() throws Exception;
    }

    private boolean safely(String name, Demo demo) {
        try {
            return demo.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            out.println("  ✗ " + name + " failed: " + e);
            return false;
        }
    }

    private boolean readDemo() throws Exception {
        LocalOidcIssuer issuer = suite.issuer();
        out.println();
        out.println("── Demo 1: deploy-bot reads a customer through the gateway");
        String token = issuer.workloadToken(LocalOidcIssuer.DEPLOY_BOT);
        out.println("  minted a workload token for deploy-bot at " + issuer.issuerUrl(LocalOidcIssuer.CI)
                + " (sub " + LocalOidcIssuer.DEPLOY_BOT_SUBJECT + ", aud gatehouse)");
        String url = suite.proxyUrl() + "/demo/customers/42";
        out.println("  GET " + url);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String requestId = response.headers().firstValue("X-Gatehouse-Request-Id").orElse(null);
        out.println("  → " + response.statusCode() + "  X-Gatehouse-Request-Id: " + requestId);
        out.println("  → body: " + response.body());
        boolean ok = response.statusCode() == 200;
        if (ok) {
            RecordedRequest received = suite.upstream().requests().stream()
                    .filter(r -> r.path().equals("/customers/42")).reduce((first, second) -> second).orElse(null);
            String signature = token.substring(token.lastIndexOf('.') + 1);
            if (received == null) {
                out.println("  ✗ the demo upstream did not receive the call");
                ok = false;
            } else if (!("Bearer " + suite.upstreamSecret()).equals(received.header("Authorization"))
                    || received.headersContain(signature)) {
                out.println("  ✗ the upstream did not get (only) the injected credential");
                ok = false;
            } else {
                out.println("  ✓ the upstream got the vault broker's credential, never deploy-bot's token");
            }
            if (response.body().contains("123-45-6789")) {
                out.println("  ✗ the ssn was NOT masked");
                ok = false;
            } else {
                out.println("  ✓ the ssn field is masked");
            }
        }
        if (requestId == null) {
            out.println("  ✗ no X-Gatehouse-Request-Id header");
            return false;
        }
        String auditUrl = suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1/audit/events?requestId="
                + URLEncoder.encode(requestId, StandardCharsets.UTF_8);
        String adminToken = issuer.adminToken(ADMIN);
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            HttpResponse<String> audit = http.send(HttpRequest.newBuilder(URI.create(auditUrl))
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + adminToken)
                            .header("Accept", "application/json")
                            .GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (audit.statusCode() == 200) {
                JsonNode events = JSON.readTree(audit.body());
                if (events.isArray() && !events.isEmpty()) {
                    JsonNode event = events.get(0);
                    out.println("  ✓ audit record " + event.path("id").asText() + " in the control plane: "
                            + event.path("identity").asText() + " " + event.path("method").asText() + " "
                            + event.path("path").asText() + " (resource " + event.path("resource").asText() + ") → "
                            + event.path("decision").asText() + " " + event.path("status").asText()
                            + ", masked " + event.path("maskedFields"));
                    return ok;
                }
            } else if (audit.statusCode() != 404) {
                out.println("  ✗ GET " + auditUrl + " → " + audit.statusCode() + " " + audit.body());
                return false;
            }
            if (Instant.now().isAfter(deadline)) {
                out.println("  ✗ no audit record for request " + requestId + " after 10 s");
                return false;
            }
            Thread.sleep(500);
        }
    }

    private boolean approvalDemo() throws Exception {
        LocalOidcIssuer issuer = suite.issuer();
        out.println();
        out.println("── Demo 2: deploy-bot issues a refund, which needs a human approval");
        String approverToken = issuer.adminToken(APPROVER);
        String approvals = suite.httpUrl(Service.APPROVAL_SERVICE) + "/api/v1/approvals";
        Set<String> pendingBefore = pendingIds(approvals, approverToken);

        String token = issuer.workloadToken(LocalOidcIssuer.DEPLOY_BOT);
        String url = suite.proxyUrl() + "/demo/refunds";
        String body = "{\"customerId\":\"42\",\"amount\":\"12.50\",\"currency\":\"EUR\"}";
        out.println("  POST " + url + " " + body + "  (held by the gateway until approved)");
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(90))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        String approvalId = null;
        Instant deadline = Instant.now().plusSeconds(30);
        while (approvalId == null) {
            if (call.isDone()) {
                HttpResponse<String> early = call.get();
                if (early.statusCode() == 202) {
                    approvalId = JSON.readTree(early.body()).path("approvalId").asText(null);
                    break;
                }
                out.println("  ✗ the call returned before any approval: " + early.statusCode() + " " + early.body());
                return false;
            }
            for (String id : pendingIds(approvals, approverToken)) {
                if (!pendingBefore.contains(id)) {
                    approvalId = id;
                }
            }
            if (approvalId == null) {
                if (Instant.now().isAfter(deadline)) {
                    out.println("  ✗ no pending approval appeared at " + approvals + " within 30 s");
                    return false;
                }
                Thread.sleep(300);
            }
        }
        out.println("  pending approval " + approvalId + " at " + approvals + "?state=PENDING");
        HttpResponse<String> decision = http.send(HttpRequest.newBuilder(
                                URI.create(approvals + "/" + URLEncoder.encode(approvalId, StandardCharsets.UTF_8) + "/approve"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + approverToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"demo: refund for customer 42 checked\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        out.println("  " + APPROVER + " approves it → " + decision.statusCode());
        if (decision.statusCode() != 200) {
            out.println("  ✗ " + decision.body());
            call.cancel(true);
            return false;
        }
        HttpResponse<String> response = call.get(60, TimeUnit.SECONDS);
        if (response.statusCode() == 202) {
            out.println("  the gateway answered 202 (pending approval) instead of holding the call; retrying once now that it is approved");
            response = http.send(HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .header("X-Gatehouse-Approval-Id", approvalId)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        out.println("  → " + response.statusCode() + "  X-Gatehouse-Request-Id: "
                + response.headers().firstValue("X-Gatehouse-Request-Id").orElse("-"));
        out.println("  → body: " + response.body());
        if (response.statusCode() == 201) {
            out.println("  ✓ the held call went through after the approval");
            return true;
        }
        out.println("  ✗ expected 201 after the approval");
        return false;
    }

    private Set<String> pendingIds(String approvalsUrl, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(approvalsUrl + "?state=PENDING"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/json")
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + approvalsUrl + "?state=PENDING → " + response.statusCode() + " " + response.body());
        }
        Set<String> ids = new HashSet<>();
        JsonNode root = JSON.readTree(response.body());
        JsonNode list = root.isArray() ? root : root.path("items");
        for (JsonNode approval : list) {
            String id = approval.hasNonNull("id") ? approval.get("id").asText() : approval.path("approvalId").asText(null);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }
}
