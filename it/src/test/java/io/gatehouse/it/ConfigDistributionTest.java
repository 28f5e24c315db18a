package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.ConfigSync;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Propagation;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Database;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Config distribution between real processes: two data planes on one control plane converge on
 * the same version after a change, and a snapshot a data plane cannot enforce is NACKed while the
 * previous one keeps serving, with the NACK visible in the admin API and in the metrics.
 */
class ConfigDistributionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SYNC_LIMIT = Duration.ofSeconds(30);
    private static final String REPORTS_GRANT = """
            {"identity": "deploy-bot", "resource": "demo", "methods": ["GET"], "paths": ["/reports/*"]}
            """;

    @Test
    void twoDataPlanesConvergeOnTheSameVersionAfterAChange() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        List<String> proxies = List.of(suite.proxyUrl(), GatehouseSuite.secondDataPlane());
        List<String> nodes = List.of(Suite.DATA_PLANE_ID, GatehouseSuite.SECOND_DATA_PLANE_ID);
        nodes.forEach(node -> ConfigSync.awaitInSync(suite, node, SYNC_LIMIT));
        String token = Tokens.deployBot();
        for (String proxy : proxies) {
            assertEquals(403, Http.get(proxy + "/demo/reports/1", token).statusCode(), "not granted yet on " + proxy);
        }

        String api = suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1";
        HttpResponse<String> created = Http.postJson(api + "/grants", Tokens.admin("it-admin"), REPORTS_GRANT);
        assertEquals(201, created.statusCode(), () -> Http.describe(created));
        String grantId = JSON.readTree(created.body()).path("id").asText();
        try {
            for (String proxy : proxies) {
                // the demo upstream has no reports: its 404 means the gateway let the call through
                Propagation.awaitStatus(proxy + "/demo/reports/1", token, status -> status == 404, "the new grant");
            }
            String version = currentVersion(suite);
            nodes.forEach(node -> ConfigSync.awaitInSync(suite, node, Propagation.LIMIT));
            for (String node : nodes) {
                assertEquals(version, dataPlane(suite, node).path("lastAckedVersion").asText(), node);
            }
        } finally {
            assertEquals(204, Http.delete(api + "/grants/" + grantId, Tokens.admin("it-admin")).statusCode());
        }
        for (String proxy : proxies) {
            Propagation.awaitStatus(proxy + "/demo/reports/1", token, status -> status == 403, "the removed grant");
        }
    }

    /**
     * The control plane validates what it is given, so the bad snapshot is made the way it happens
     * in practice: a row written to the database behind the control plane's back (a hand edit, or a
     * newer control plane during an upgrade). The data plane checks every snapshot itself.
     */
    @Test
    void aSnapshotTheDataPlaneCannotEnforceIsNackedWhileTheOldOneKeepsServing() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        ConfigSync.awaitInSync(suite, Suite.DATA_PLANE_ID, SYNC_LIMIT);
        String goodVersion = currentVersion(suite);
        String token = Tokens.deployBot();

        sql(suite, "INSERT INTO resource (name, path_prefix, upstream_url, injection_style, upstream_timeout_ms) "
                + "VALUES ('it-ftp-archive', '/it-ftp', 'ftp://archive.internal/', 'BEARER', 5000)");
        try {
            String badVersion = awaitVersionOtherThan(suite, goodVersion);
            JsonNode node = awaitNack(suite, Suite.DATA_PLANE_ID, badVersion);
            assertTrue(node.path("lastNackError").asText().contains("it-ftp-archive"), node::toString);
            assertTrue(node.path("lastNackError").asText().contains("http(s)"), node::toString);
            assertEquals(goodVersion, node.path("lastAckedVersion").asText(), "it keeps the old version: " + node);

            HttpResponse<String> stillServed = Http.get(suite.proxyUrl() + "/demo/customers/42", token);
            assertEquals(200, stillServed.statusCode(), () -> "the old snapshot keeps serving: " + Http.describe(stillServed));
            HttpResponse<String> stillDenied = Http.get(suite.proxyUrl() + "/demo/admin", token);
            assertEquals(403, stillDenied.statusCode(), () -> "the old snapshot is still enforced: " + Http.describe(stillDenied));
            assertEquals(goodVersion, enforcedVersion(suite), "the data plane's own view of what it enforces");

            assertEquals(1.0, nodeNacked(suite), "the control plane's metric");
            assertTrue(rejectedSnapshots(suite) >= 1, "the data plane counts the rejection");
        } finally {
            sql(suite, "DELETE FROM resource WHERE name = 'it-ftp-archive'");
        }
        // the version goes back to the good one, which the data plane already holds: wait for its ACK
        Instant deadline = Instant.now().plus(SYNC_LIMIT);
        while (nodeNacked(suite) != 0.0) {
            assertTrue(Instant.now().isBefore(deadline), "the data plane did not acknowledge the repaired snapshot");
            Thread.sleep(100);
        }
        assertEquals(goodVersion, currentVersion(suite), "the same content gives the same version");
        ConfigSync.awaitInSync(suite, Suite.DATA_PLANE_ID, SYNC_LIMIT);
    }

    /** Changes the control plane's database directly and tells the control planes, as an operator's script would. */
    private static void sql(Suite suite, String statement) throws SQLException {
        try (Connection connection = suite.database().connect(Database.CONTROL);
             Statement sql = connection.createStatement()) {
            sql.execute(statement);
            sql.execute("SELECT pg_notify('gatehouse_policy_changed', '')");
        }
    }

    private static String awaitVersionOtherThan(Suite suite, String version) throws Exception {
        Instant deadline = Instant.now().plus(SYNC_LIMIT);
        String current;
        while ((current = currentVersion(suite)).equals(version)) {
            assertTrue(Instant.now().isBefore(deadline), "the control plane did not publish the database change");
            Thread.sleep(100);
        }
        return current;
    }

    private static JsonNode awaitNack(Suite suite, String nodeId, String version) throws Exception {
        Instant deadline = Instant.now().plus(Propagation.LIMIT);
        JsonNode node = dataPlane(suite, nodeId);
        while (!version.equals(node.path("lastNackedVersion").asText())) {
            assertTrue(Instant.now().isBefore(deadline), "no NACK of version " + version + " within " + Propagation.LIMIT
                    + ": " + node);
            Thread.sleep(50);
            node = dataPlane(suite, nodeId);
        }
        return node;
    }

    private static String currentVersion(Suite suite) {
        return ConfigSync.version(suite.httpUrl(Service.CONTROL_PLANE));
    }

    private static JsonNode dataPlane(Suite suite, String nodeId) {
        return ConfigSync.dataPlane(suite.httpUrl(Service.CONTROL_PLANE), nodeId)
                .orElseThrow(() -> new AssertionError("the control plane does not know data plane " + nodeId));
    }

    private static String enforcedVersion(Suite suite) throws Exception {
        JsonNode health = JSON.readTree(Http.get(suite.httpUrl(Service.DATA_PLANE) + "/q/health/ready", null).body());
        for (JsonNode check : health.path("checks")) {
            if ("policy".equals(check.path("name").asText())) {
                return check.path("data").path("version").asText();
            }
        }
        throw new AssertionError("the data plane's readiness has no policy check: " + health);
    }

    private static String metrics(Suite suite, Service service) {
        HttpResponse<String> scrape = Http.scrapeMetrics(suite.httpUrl(service));
        assertEquals(200, scrape.statusCode(), () -> Http.describe(scrape));
        return scrape.body();
    }

    private static double nodeNacked(Suite suite) {
        return sample(metrics(suite, Service.CONTROL_PLANE), "gatehouse_config_node_nacked{",
                "node=\"" + Suite.DATA_PLANE_ID + "\"");
    }

    private static double rejectedSnapshots(Suite suite) {
        return sample(metrics(suite, Service.DATA_PLANE), "gatehouse_config_snapshots_total{", "result=\"rejected\"");
    }

    /** The value of the one series of a Prometheus scrape whose name and labels start and contain as given. */
    private static double sample(String scrape, String nameAndBrace, String label) {
        List<String> lines = scrape.lines().filter(line -> line.startsWith(nameAndBrace) && line.contains(label)).toList();
        assertEquals(1, lines.size(), () -> "one series " + nameAndBrace + label + "} expected: " + lines);
        String line = lines.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
