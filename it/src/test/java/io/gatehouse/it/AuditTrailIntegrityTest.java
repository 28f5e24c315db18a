package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Database;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The audit trail of the running suite: every call of the earlier scenarios is in an intact hash chain, can be
 * exported, and a record deleted behind the control plane's back (around the append-only trigger) is reported.
 */
@Order(6)
class AuditTrailIntegrityTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theChainOfTheDataPlaneIsIntactExportableAndADeletionIsReported() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String admin = Tokens.admin("auditor");
        HttpResponse<String> call = Http.get(suite.proxyUrl() + "/demo/customers/7", Tokens.deployBot());
        assertEquals(200, call.statusCode(), () -> Http.describe(call));
        String requestId = call.headers().firstValue("X-Gatehouse-Request-Id").orElseThrow();
        awaitStored(suite, admin, requestId);

        JsonNode before = verify(suite, admin);
        assertTrue(before.path("intact").asBoolean(), before::toString);
        assertTrue(before.path("sources").get(0).path("events").asLong() > 1, before::toString);

        HttpResponse<String> export = Http.get(suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1/audit/export?resource=demo", admin);
        assertEquals(200, export.statusCode(), () -> Http.describe(export));
        assertTrue(export.body().lines().anyMatch(line -> line.contains(requestId)), "the export holds the call");

        try (Connection connection = suite.database().connect(Database.CONTROL); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            try {
                statement.execute("DELETE FROM audit_event WHERE chain_source = '" + Suite.DATA_PLANE_ID + "' AND chain_seq = 1");
            } finally {
                statement.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
            }
        }

        JsonNode after = verify(suite, admin);
        assertFalse(after.path("intact").asBoolean(), after::toString);
        assertTrue(after.toString().contains("events 1 to 1 are missing (deleted)"), after::toString);
    }

    private JsonNode verify(Suite suite, String admin) throws Exception {
        HttpResponse<String> verify = Http.get(suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1/audit/verify?source="
                + Suite.DATA_PLANE_ID, admin);
        assertEquals(200, verify.statusCode(), () -> Http.describe(verify));
        return json.readTree(verify.body());
    }

    private void awaitStored(Suite suite, String admin, String requestId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> events = Http.get(suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1/audit/events?requestId="
                    + requestId, admin);
            if (events.statusCode() == 200 && json.readTree(events.body()).size() > 0) {
                return;
            }
            Thread.sleep(250);
        }
        fail("the call " + requestId + " did not reach the audit store within 15 s");
    }
}
