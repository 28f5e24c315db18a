package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.Await;
import io.gatehouse.it.support.ConfigSync;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Database;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #11: three data planes on two control planes (one database) and two approval services (one database), each
 * data plane configured with both addresses of each (gatehouse.control-plane.targets, gatehouse.approval.targets),
 * the replicas started here listed first so every data plane uses them. The control-plane replica is killed with
 * SIGKILL, the approval-service replica stopped (SIGTERM, a graceful shutdown): every data plane keeps serving,
 * reconnects to the survivors, receives a change written there, and ships its audit spool there (every call stored
 * exactly once); a call held for approval while its approval service goes away goes through once approved on the
 * other one. Only processes started here are stopped; the suite's own keep running.
 */
@Order(4)
class ReplicaFailoverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    /** Reconnecting takes the config stream's first backoff (0.5 s) and a refused connection to the dead replica. */
    private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(15);
    private static final Duration AUDIT_LIMIT = Duration.ofSeconds(30);
    private static final String CONTROL_PLANE_B = "it-fo-cp-b";
    private static final String APPROVAL_B = "it-fo-approval-b";
    private static final List<String> DATA_PLANES = List.of("it-fo-dp-1", "it-fo-dp-2", "it-fo-dp-3");
    private static final String HEALTH_GRANT = """
            {"identity": "deploy-bot", "resource": "demo", "methods": ["GET"], "paths": ["/health/*"]}
            """;

    @Test
    void dataPlanesFailOverToTheSurvivingControlPlaneAndApprovalService() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        ConfigSync.awaitInSync(suite, Suite.DATA_PLANE_ID, Duration.ofSeconds(30));
        String controlPlaneA = suite.httpUrl(Service.CONTROL_PLANE);
        String approvalsA = suite.httpUrl(Service.APPROVAL_SERVICE) + "/api/v1/approvals";
        List<Suite.DataPlaneReplica> dataPlanes = List.of();
        String grantId = null;
        try {
            Suite.ControlPlaneReplica controlPlaneB = suite.startControlPlaneReplica(CONTROL_PLANE_B);
            Suite.ApprovalServiceReplica approvalB = suite.startApprovalServiceReplica(APPROVAL_B);
            Map<String, String> settings = Map.of(
                    "GATEHOUSE_CONTROL_PLANE_TARGETS", "127.0.0.1:" + controlPlaneB.grpcPort() + ",127.0.0.1:" + suite.grpcPort(Service.CONTROL_PLANE),
                    "GATEHOUSE_APPROVAL_TARGETS", "127.0.0.1:" + approvalB.grpcPort() + ",127.0.0.1:" + suite.grpcPort(Service.APPROVAL_SERVICE));
            Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
            DATA_PLANES.forEach(node -> nodes.put(node, settings));
            dataPlanes = suite.startDataPlaneReplicas(nodes);

            // every data plane streams its config from the first target, the replica
            for (Suite.DataPlaneReplica dataPlane : dataPlanes) {
                awaitInSync(controlPlaneB.httpUrl(), dataPlane.nodeId(), START_LIMIT);
            }
            String token = Tokens.deployBot();
            Map<String, String> requestIds = new LinkedHashMap<>(); // request id → the data plane that served it
            for (Suite.DataPlaneReplica dataPlane : dataPlanes) {
                for (int i = 0; i < 3; i++) {
                    requestIds.put(requestId(expect(200, Http.get(dataPlane.proxyUrl() + "/demo/customers/" + (60 + i), token),
                            "through " + dataPlane.nodeId() + " before the failover")), dataPlane.nodeId());
                }
            }

            // a call held for approval: the data plane watches it on the replica
            Suite.DataPlaneReplica first = dataPlanes.get(0);
            CompletableFuture<HttpResponse<String>> held = Http.postJsonAsync(first.proxyUrl() + "/demo/refunds", token,
                    "{\"customerId\":\"61\",\"amount\":\"3.00\",\"note\":\"held across an approval-service failover\"}");
            String approvalId = awaitPendingApproval(approvalB.httpUrl() + "/api/v1/approvals", first.nodeId(), held);
            // the data plane got the ticket and watches it (before that, the request itself would be lost with the replica)
            Await.until(first.nodeId() + " watching approval " + approvalId, START_LIMIT,
                    () -> watchesSent(first) > 0, () -> "no WatchApproval sent; held call " + describe(held));

            suite.killReplica(Service.CONTROL_PLANE, CONTROL_PLANE_B);
            long stopping = System.nanoTime();
            suite.stopReplica(Service.APPROVAL_SERVICE, APPROVAL_B); // SIGTERM: a graceful shutdown, as in a rolling update
            System.out.printf("failover: the approval service replica stopped in %d ms%n", (System.nanoTime() - stopping) / 1_000_000);

            // every data plane keeps serving (last good config; audit in the spool)
            for (Suite.DataPlaneReplica dataPlane : dataPlanes) {
                requestIds.put(requestId(expect(200, Http.get(dataPlane.proxyUrl() + "/demo/customers/42", token),
                        "through " + dataPlane.nodeId() + " right after the kill")), dataPlane.nodeId());
            }
            assertFalse(held.isDone(), () -> "the held call waits for its approval: " + describe(held));

            // the pending approval survives: decided on the other approval service, the held call goes through
            HttpResponse<String> approved = Http.postJson(approvalsA + "/" + approvalId + "/approve",
                    Tokens.admin("demo-approver"), "{\"reason\":\"approved across the failover\"}");
            expect(200, approved, "approved through the surviving approval service");
            HttpResponse<String> refund = held.get(30, TimeUnit.SECONDS);
            expect(201, refund, "the held call once approved through the surviving approval service");
            requestIds.put(requestId(refund), first.nodeId());

            // each data plane is now connected to the surviving control plane, and a change written there reaches all
            for (Suite.DataPlaneReplica dataPlane : dataPlanes) {
                Duration took = awaitInSync(controlPlaneA, dataPlane.nodeId(), FAILOVER_LIMIT);
                System.out.printf("failover: %s in sync with the surviving control plane after %d ms%n", dataPlane.nodeId(), took.toMillis());
            }
            expect(403, Http.get(first.proxyUrl() + "/demo/health/1", token), "not granted yet");
            HttpResponse<String> created = Http.postJson(controlPlaneA + "/api/v1/grants", Tokens.admin("it-admin"), HEALTH_GRANT);
            expect(201, created, "a grant through the surviving control plane");
            grantId = JSON.readTree(created.body()).path("id").asText();
            for (Suite.DataPlaneReplica dataPlane : dataPlanes) {
                String url = dataPlane.proxyUrl() + "/demo/health/1";
                Duration took = Await.until("the new grant at " + dataPlane.nodeId(), FAILOVER_LIMIT,
                        () -> Http.get(url, token).statusCode() == 404, () -> Http.describe(Http.get(url, token)));
                System.out.printf("failover: the grant reached %s after %d ms%n", dataPlane.nodeId(), took.toMillis());
                requestIds.put(requestId(Http.get(url, token)), dataPlane.nodeId());
            }

            // audit: every call's event, spooled before or after the kill, is stored exactly once (the approval
            // service's own events of the held call carry its request id too, under their own source)
            Await.until("every call's audit event in the store", AUDIT_LIMIT,
                    () -> requestIds.entrySet().stream().allMatch(call -> storedCount(suite, call.getKey(), call.getValue()) > 0),
                    () -> "missing " + requestIds.entrySet().stream()
                            .filter(call -> storedCount(suite, call.getKey(), call.getValue()) == 0).toList());
            for (Map.Entry<String, String> call : requestIds.entrySet()) {
                assertEquals(1, storedCount(suite, call.getKey(), call.getValue()), () -> "request " + call.getKey() + " of "
                        + call.getValue() + " is stored exactly once: " + storedEvents(suite, call.getKey()));
            }
            // each data plane's hash chain, appended to by both control planes in turn, is intact
            for (Suite.DataPlaneReplica dataPlane : dataPlanes) {
                HttpResponse<String> verified = expect(200, Http.get(controlPlaneA + "/api/v1/audit/verify?source=" + dataPlane.nodeId(),
                        Tokens.admin("it-auditor")), "the audit chain of " + dataPlane.nodeId());
                assertTrue(readJson(verified).path("intact").asBoolean(), () -> Http.describe(verified));
            }
            for (Suite.DataPlaneReplica dataPlane : dataPlanes) {
                String status = dataPlane.managementUrl() + "/api/v1/status";
                Await.until("an empty audit backlog at " + dataPlane.nodeId(), AUDIT_LIMIT,
                        () -> Http.get(status, null).body().contains("\"auditBacklog\":0"), () -> Http.get(status, null).body());
            }
        } finally {
            if (grantId != null) {
                HttpResponse<String> deleted = Http.delete(controlPlaneA + "/api/v1/grants/" + grantId, Tokens.admin("it-admin"));
                assertEquals(204, deleted.statusCode(), () -> Http.describe(deleted));
            }
            for (String node : DATA_PLANES) {
                suite.stopReplica(Service.DATA_PLANE, node);
            }
            suite.stopReplica(Service.CONTROL_PLANE, CONTROL_PLANE_B);
            suite.stopReplica(Service.APPROVAL_SERVICE, APPROVAL_B);
        }
    }

    /** Waits until the control plane at {@code controlPlane} sees the data plane connected with its current version acked. */
    private static Duration awaitInSync(String controlPlane, String nodeId, Duration limit) {
        return Await.until(nodeId + " connected to " + controlPlane + " with the current version", limit, () -> {
            String version = ConfigSync.version(controlPlane);
            Optional<JsonNode> node = ConfigSync.dataPlane(controlPlane, nodeId);
            return node.isPresent() && node.get().path("connected").asBoolean()
                    && version.equals(node.get().path("lastAckedVersion").asText());
        }, () -> ConfigSync.dataPlane(controlPlane, nodeId).map(JsonNode::toString).orElse("unknown to " + controlPlane));
    }

    /** The id of the pending approval the data plane {@code nodeId} asked for; fails if the call is answered first. */
    private static String awaitPendingApproval(String approvals, String nodeId, CompletableFuture<HttpResponse<String>> call) {
        String[] found = new String[1];
        Await.until("a pending approval asked by " + nodeId, START_LIMIT, () -> {
            if (call.isDone()) {
                throw new IllegalStateException("the call must be held, but it was answered: " + describe(call));
            }
            for (JsonNode approval : readJson(Http.get(approvals + "?state=PENDING", Tokens.admin("it-approver")))) {
                if (nodeId.equals(approval.path("dataPlaneId").asText())) {
                    found[0] = approval.path("id").asText();
                    return true;
                }
            }
            return false;
        }, () -> call.isDone() ? "answered: " + describe(call) : "none pending at " + approvals);
        return found[0];
    }

    /** WatchApproval calls the data plane sent (its gRPC client metrics). */
    private static double watchesSent(Suite.DataPlaneReplica dataPlane) {
        double sent = 0;
        for (String line : Http.scrapeMetrics(dataPlane.managementUrl()).body().split("\n")) {
            if (line.startsWith("grpc_client_requests_sent") && line.contains("method=\"WatchApproval\"")) {
                sent += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sent;
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response, String what) {
        assertEquals(status, response.statusCode(), () -> what + ": " + Http.describe(response));
        return response;
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("X-Gatehouse-Request-Id")
                .orElseThrow(() -> new AssertionError("no X-Gatehouse-Request-Id: " + Http.describe(response)));
    }

    private static String describe(CompletableFuture<HttpResponse<String>> call) {
        return call.isDone() && !call.isCompletedExceptionally() ? Http.describe(call.join()) : String.valueOf(call);
    }

    private static JsonNode readJson(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(Http.describe(response), e);
        }
    }

    /** Every stored event naming the request: kind, source, event id. */
    private static List<String> storedEvents(Suite suite, String requestId) {
        try (Connection connection = suite.database().connect(Database.CONTROL);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT kind, data_plane_id, event_id, decision FROM audit_event WHERE request_id = ? ORDER BY id")) {
            query.setString(1, requestId);
            List<String> events = new java.util.ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    events.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3) + " " + result.getString(4));
                }
            }
            return events;
        } catch (SQLException e) {
            return List.of("cannot read the audit store: " + e.getMessage());
        }
    }

    private static long storedCount(Suite suite, String requestId, String dataPlaneId) {
        try (Connection connection = suite.database().connect(Database.CONTROL);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM audit_event WHERE request_id = ? AND data_plane_id = ? AND kind = 'call'")) {
            query.setString(1, requestId);
            query.setString(2, dataPlaneId);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit store: " + e.getMessage(), e);
        }
    }
}
