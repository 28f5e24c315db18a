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
import java.time.Duration;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changes made through the control plane's admin API reach the running data plane at once: a new
 * grant lets a call through, a suspension stops the identity, deleting the grant closes it again;
 * each change is in the audit trail with the person who made it.
 */
class AdminApiChangesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVOICES_GRANT = """
            {"identity": "deploy-bot", "resource": "demo", "methods": ["GET"], "paths": ["/invoices/*"]}
            """;

    @Test
    void grantsAndSuspensionsMadeThroughTheApiChangeWhatTheDataPlaneAllows() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String admin = Tokens.admin("it-admin");
        String api = suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1";
        String invoice = suite.proxyUrl() + "/demo/invoices/7";
        String customer = suite.proxyUrl() + "/demo/customers/7";

        ConfigSync.awaitInSync(suite, Suite.DATA_PLANE_ID, Duration.ofSeconds(30));
        assertEquals(403, Http.get(invoice, Tokens.deployBot()).statusCode(), "not granted yet");

        HttpResponse<String> created = Http.postJson(api + "/grants", admin, INVOICES_GRANT);
        assertEquals(201, created.statusCode(), () -> Http.describe(created));
        String grantId = JSON.readTree(created.body()).path("id").asText();
        try {
            // the demo upstream has no invoices: its 404 means the gateway let the call through
            awaitStatus(invoice, status -> status == 404, "the new grant to let the call through");

            HttpResponse<String> byOwner = Http.delete(api + "/grants/" + grantId, Tokens.admin("owner-olga"));
            assertEquals(403, byOwner.statusCode(), "an owner of another team may not remove it: " + Http.describe(byOwner));

            HttpResponse<String> suspended = Http.postJson(api + "/identities/deploy-bot/suspend", admin,
                    "{\"reason\": \"it: suspension reaches the data plane\"}");
            assertEquals(200, suspended.statusCode(), () -> Http.describe(suspended));
            try {
                awaitStatus(customer, status -> status == 403 || status == 401, "the suspension to stop the identity");
            } finally {
                HttpResponse<String> activated = Http.postJson(api + "/identities/deploy-bot/activate", admin, "{}");
                assertEquals(200, activated.statusCode(), () -> Http.describe(activated));
            }
            awaitStatus(customer, status -> status == 200, "the identity to work again after activation");
        } finally {
            HttpResponse<String> deleted = Http.delete(api + "/grants/" + grantId, admin);
            assertEquals(204, deleted.statusCode(), () -> Http.describe(deleted));
        }
        awaitStatus(invoice, status -> status == 403, "the deleted grant to stop the call");

        JsonNode changes = JSON.readTree(Http.get(api + "/audit/events?identity=deploy-bot&kind=policy.grant.created",
                Tokens.admin("it-auditor")).body());
        assertTrue(changes.size() >= 1, changes::toString);
        assertEquals("it-admin", changes.get(0).path("actor").asText(), changes::toString);
    }

    private static void awaitStatus(String url, IntPredicate expected, String what) {
        Propagation.awaitStatus(url, Tokens.deployBot(), expected, what);
    }
}
