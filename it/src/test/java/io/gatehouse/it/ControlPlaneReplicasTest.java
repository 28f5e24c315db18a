package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.ConfigSync;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Propagation;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two control-plane replicas on one database publish the same snapshot version, signed with the
 * same key, so a data plane may connect to either; a change written through one reaches data
 * planes connected to the other.
 */
class ControlPlaneReplicasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEALTH_GRANT = """
            {"identity": "deploy-bot", "resource": "demo", "methods": ["GET"], "paths": ["/health/*"]}
            """;

    @Test
    void aDataPlaneOnTheSecondReplicaEnforcesWhatIsWrittenThroughTheFirst() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String first = suite.httpUrl(Service.CONTROL_PLANE);
        ConfigSync.awaitInSync(suite, Suite.DATA_PLANE_ID, Duration.ofSeconds(30));
        Suite.ControlPlaneReplica second = suite.startControlPlaneReplica("it-cp-2");
        try {
            aDataPlaneOnTheSecondReplicaEnforcesWhatIsWrittenThroughTheFirst(suite, first, second);
        } finally {
            suite.stopReplica(Service.DATA_PLANE, "it-dp-on-cp-2");
            suite.stopReplica(Service.CONTROL_PLANE, "it-cp-2");
        }
    }

    private static void aDataPlaneOnTheSecondReplicaEnforcesWhatIsWrittenThroughTheFirst(
            Suite suite, String first, Suite.ControlPlaneReplica second) throws Exception {
        assertEquals(version(first), version(second.httpUrl()), "the same database gives the same snapshot version");

        // trusts only the keys the primary data plane learned from the first replica
        Path learnedFromFirst = suite.dataPlaneStateDir().resolve("snapshot-keys.jwks.json");
        assertTrue(Files.exists(learnedFromFirst), learnedFromFirst + " (keys learned on first contact)");
        String proxy = suite.startDataPlaneReplica("it-dp-on-cp-2", second.grpcPort(),
                Map.of("GATEHOUSE_CONTROL_PLANE_SNAPSHOT_KEYS_FILE", learnedFromFirst.toString()));
        String token = Tokens.deployBot();
        assertEquals(200, Http.get(proxy + "/demo/customers/42", token).statusCode(), "serves the second replica's snapshot");
        assertEquals(403, Http.get(proxy + "/demo/health/1", token).statusCode(), "not granted yet");

        HttpResponse<String> created = Http.postJson(first + "/api/v1/grants", Tokens.admin("it-admin"), HEALTH_GRANT);
        assertEquals(201, created.statusCode(), () -> Http.describe(created));
        String grantId = JSON.readTree(created.body()).path("id").asText();
        try {
            // written through the first replica, pushed by the second
            Propagation.awaitStatus(proxy + "/demo/health/1", token, status -> status == 404, "the grant via the other replica");
            String changed = version(first);
            awaitVersion(second.httpUrl(), changed);
            assertEquals(changed, dataPlane(second.httpUrl(), "it-dp-on-cp-2").path("lastAckedVersion").asText());
        } finally {
            HttpResponse<String> deleted = Http.delete(second.httpUrl() + "/api/v1/grants/" + grantId, Tokens.admin("it-admin"));
            assertEquals(204, deleted.statusCode(), () -> "deleted through the second replica: " + Http.describe(deleted));
        }
        Propagation.awaitStatus(suite.proxyUrl() + "/demo/health/1", token, status -> status == 403,
                "a deletion through the second replica at the first one's data plane");
        Propagation.awaitStatus(proxy + "/demo/health/1", token, status -> status == 403, "the deletion");
    }

    private static String version(String controlPlane) {
        return ConfigSync.version(controlPlane);
    }

    private static void awaitVersion(String controlPlane, String expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Propagation.LIMIT);
        while (!version(controlPlane).equals(expected)) {
            assertTrue(Instant.now().isBefore(deadline), controlPlane + " did not publish version " + expected);
            Thread.sleep(50);
        }
    }

    private static JsonNode dataPlane(String controlPlane, String nodeId) {
        return ConfigSync.dataPlane(controlPlane, nodeId)
                .orElseThrow(() -> new AssertionError(controlPlane + " does not know data plane " + nodeId));
    }
}
