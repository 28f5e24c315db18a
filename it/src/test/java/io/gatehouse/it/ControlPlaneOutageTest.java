package io.gatehouse.it;

import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import io.gatehouse.launcher.suite.Database;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data plane keeps enforcing its last good config while the control plane is down, and the
 * audit events of that time reach the control plane once it is back.
 */
@Order(4)
class ControlPlaneOutageTest {

    @Test
    void restartedDataPlaneServesFromItsLastGoodConfigWhileTheControlPlaneIsDown() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String token = Tokens.deployBot();
        HttpResponse<String> before = Http.get(suite.proxyUrl() + "/demo/customers/42", token);
        assertEquals(200, before.statusCode(), () -> "before the outage: " + Http.describe(before));

        suite.stopService(Service.CONTROL_PLANE);
        try {
            suite.stopService(Service.DATA_PLANE);
            // ready only once it enforces a config: here the copy on its disk, since no control plane answers
            suite.startService(Service.DATA_PLANE);
            HttpResponse<String> granted = Http.get(suite.proxyUrl() + "/demo/customers/42", token);
            assertEquals(200, granted.statusCode(), () -> "after a restart without control plane: " + Http.describe(granted));
            HttpResponse<String> ungranted = Http.get(suite.proxyUrl() + "/demo/admin", token);
            assertEquals(403, ungranted.statusCode(), () -> "the restored config is enforced: " + Http.describe(ungranted));
        } finally {
            suite.startService(Service.CONTROL_PLANE);
        }
        HttpResponse<String> after = Http.get(suite.proxyUrl() + "/demo/customers/42", token);
        assertEquals(200, after.statusCode(), () -> "after the control plane is back: " + Http.describe(after));
    }

    @Test
    void dataPlaneKeepsServingWithoutTheControlPlane() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String token = Tokens.deployBot();
        HttpResponse<String> warmUp = Http.get(suite.proxyUrl() + "/demo/customers/42", token);
        assertEquals(200, warmUp.statusCode(), () -> "before the outage: " + Http.describe(warmUp));

        suite.stopService(Service.CONTROL_PLANE);
        String outageRequestId;
        try {
            assertFalse(suite.isRunning(Service.CONTROL_PLANE), "the control plane is stopped");

            HttpResponse<String> granted = Http.get(suite.proxyUrl() + "/demo/customers/42", token);
            assertEquals(200, granted.statusCode(), () -> "during the outage: " + Http.describe(granted));
            outageRequestId = granted.headers().firstValue("X-Gatehouse-Request-Id").orElseThrow();
            HttpResponse<String> ungranted = Http.get(suite.proxyUrl() + "/demo/admin", token);
            assertEquals(403, ungranted.statusCode(), () -> "still enforced during the outage: " + Http.describe(ungranted));
            HttpResponse<String> anonymous = Http.get(suite.proxyUrl() + "/demo/customers/42", null);
            assertEquals(401, anonymous.statusCode(), () -> "still enforced during the outage: " + Http.describe(anonymous));
        } finally {
            suite.startService(Service.CONTROL_PLANE);
        }
        HttpResponse<String> after = Http.get(suite.proxyUrl() + "/demo/customers/42", token);
        assertEquals(200, after.statusCode(), () -> "after the control plane is back: " + Http.describe(after));

        // the call made during the outage waited in the data plane's spool and reaches the audit store now
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!audited(suite, outageRequestId)) {
            assertTrue(Instant.now().isBefore(deadline),
                    "the audit event of request " + outageRequestId + " (made while the control plane was down) "
                            + "did not reach audit_event within 30 s after the control plane came back");
            Thread.sleep(500);
        }
    }

    private static boolean audited(Suite suite, String requestId) {
        try (Connection connection = suite.database().connect(Database.CONTROL);
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM audit_event WHERE request_id = ?")) {
            query.setString(1, requestId);
            try (ResultSet result = query.executeQuery()) {
                return result.next() && result.getLong(1) > 0;
            }
        } catch (SQLException e) {
            return false;
        }
    }
}
