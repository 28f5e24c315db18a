package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Database;
import io.gatehouse.launcher.suite.Suite;
import io.gatehouse.launcher.upstream.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A granted read: the gateway injects the upstream credential (and drops the caller's token),
 * masks the ssn field and records the call in the control plane's audit store.
 */
@Order(2)
class ProxiedReadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String callerToken;
    private static HttpResponse<String> response;
    private static List<RecordedRequest> upstreamSaw;

    @BeforeAll
    static void callThroughTheGateway() {
        Suite suite = GatehouseSuite.requireAll();
        callerToken = Tokens.deployBot();
        int before = suite.upstream().requests().size();
        response = Http.get(suite.proxyUrl() + "/demo/customers/42", callerToken);
        upstreamSaw = suite.upstream().requests().subList(before, suite.upstream().requests().size());
    }

    @Test
    @Order(1)
    void grantedReadIsServed() {
        assertEquals(200, response.statusCode(), () -> Http.describe(response));
        assertNotNull(response.headers().firstValue("X-Gatehouse-Request-Id").orElse(null), "X-Gatehouse-Request-Id");
    }

    @Test
    @Order(2)
    void upstreamGotTheInjectedCredentialAndNotTheCallersToken() {
        Suite suite = GatehouseSuite.get();
        assertEquals(1, upstreamSaw.stream().filter(r -> r.path().equals("/customers/42")).count(),
                () -> "the upstream should see exactly one GET /customers/42, saw " + upstreamSaw);
        RecordedRequest received = upstreamSaw.stream().filter(r -> r.path().equals("/customers/42")).findFirst().orElseThrow();
        assertEquals("GET", received.method());
        assertEquals("Bearer " + suite.upstreamSecret(), received.header("Authorization"),
                "the vault broker's secret must be injected as the bearer credential");
        String tokenSignature = callerToken.substring(callerToken.lastIndexOf('.') + 1);
        assertFalse(received.headersContain(callerToken) || received.headersContain(tokenSignature),
                () -> "the caller's token must not reach the upstream; headers " + received.headers().keySet());
        assertFalse(received.body().contains(tokenSignature), "nor its body");
    }

    @Test
    @Order(3)
    void ssnIsMaskedAndTheRestIsIntact() throws Exception {
        assertEquals(200, response.statusCode(), () -> Http.describe(response));
        JsonNode body = JSON.readTree(response.body());
        assertTrue(body.has("ssn"), () -> "masked, not removed: " + response.body());
        assertNotEquals("123-45-6789", body.path("ssn").asText(), "ssn must be masked");
        assertFalse(response.body().contains("123-45-6789"), "the ssn must not appear anywhere in the body");
        assertEquals("42", body.path("id").asText());
        assertEquals("Ada Lovelace", body.path("name").asText());
        assertEquals("ada@example.com", body.path("email").asText());
        assertEquals("gold", body.path("plan").asText());
    }

    @Test
    @Order(4)
    void callIsAuditedInPostgres() throws Exception {
        String requestId = response.headers().firstValue("X-Gatehouse-Request-Id").orElseThrow();
        Suite suite = GatehouseSuite.get();
        Map<String, Object> row = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        Exception lastProblem = null;
        while (row == null && Instant.now().isBefore(deadline)) {
            try (Connection connection = suite.database().connect(Database.CONTROL);
                 PreparedStatement query = connection.prepareStatement("SELECT * FROM audit_event WHERE request_id = ?")) {
                query.setString(1, requestId);
                try (ResultSet result = query.executeQuery()) {
                    if (result.next()) {
                        row = columns(result);
                    }
                }
            } catch (Exception e) {
                lastProblem = e; // e.g. the table does not exist yet
            }
            if (row == null) {
                Thread.sleep(250);
            }
        }
        if (row == null) {
            fail("no audit_event row with request_id " + requestId + " in " + Database.CONTROL + " within 10 s"
                    + (lastProblem == null ? "" : " (last error: " + lastProblem + ")"));
        }
        Map<String, Object> event = row;
        assertEquals("deploy-bot", event.get("identity"), () -> "identity in " + event);
        assertEquals("demo", event.get("resource"), () -> "resource in " + event);
        assertEquals("GET", event.get("method"), () -> "method in " + event);
        assertTrue(String.valueOf(event.get("path")).endsWith("/customers/42"), () -> "path in " + event);
        assertEquals(requestId, event.get("request_id"));
        assertFalse(event.values().stream().anyMatch(v -> v != null && v.toString().contains(suite.upstreamSecret())),
                "the audit record must not contain the secret");
    }

    private static Map<String, Object> columns(ResultSet result) throws Exception {
        ResultSetMetaData meta = result.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnName(i), result.getObject(i));
        }
        return row;
    }
}
