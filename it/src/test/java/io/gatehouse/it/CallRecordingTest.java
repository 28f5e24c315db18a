package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.ConfigSync;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A call through the real proxy to the demo resource, which the suite's config records at level bodies: its audit
 * record, read back from the control plane's audit API, holds the allow-listed headers, the redacted query and the
 * response body exactly as masked for the caller — and never the upstream credential or the caller's token.
 */
class CallRecordingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY_SECRET = "it-query-secret-4e7b";

    @Test
    void theAuditRecordHoldsTheAllowListedHeadersAndTheMaskedBodyButNoSecret() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String token = Tokens.deployBot();
        ConfigSync.awaitInSync(suite, Suite.DATA_PLANE_ID, Duration.ofSeconds(30));
        HttpResponse<String> response = callWhenReady(suite, token);
        assertEquals(200, response.statusCode(), () -> Http.describe(response));
        assertTrue(response.body().contains("\"ssn\":\"[masked]\""), response.body());
        String requestId = response.headers().firstValue("X-Gatehouse-Request-Id").orElseThrow();

        JsonNode event = storedEvent(suite, requestId);
        JsonNode recording = event.path("recording");
        assertEquals("bodies", recording.path("level").asText(), event::toString);
        assertEquals("view=full&access_token=[redacted]", recording.path("query").asText());
        assertEquals("it-recording-1", recording.at("/requestHeaders/x-request-id").asText(), event::toString);
        assertFalse(recording.path("requestHeaders").has("authorization"), "not on the allow-list");
        assertFalse(recording.path("requestHeaders").has("accept"), "not on the allow-list");
        assertTrue(recording.at("/responseHeaders/content-type").asText().startsWith("application/json"), event::toString);
        assertEquals(response.body(), recording.at("/responseBody/content").asText(), "the body as the caller received it");
        assertEquals(response.body().length(), recording.at("/responseBody/size").asLong());
        assertFalse(recording.at("/responseBody/truncated").asBoolean());
        assertFalse(event.toString().contains("123-45-6789"), "the masked value");
        assertFalse(event.toString().contains(suite.upstreamSecret()), "the upstream credential");
        assertFalse(event.toString().contains(token), "the caller's token");
        assertFalse(event.toString().contains(QUERY_SECRET), "a sensitive query value");
    }

    /** Right after the suite starts the vault broker may not have its configuration yet (503): retried briefly. */
    private static HttpResponse<String> callWhenReady(Suite suite, String token) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(suite.proxyUrl() + "/demo/customers/42?view=full&access_token=" + QUERY_SECRET))
                .header("Authorization", "Bearer " + token)
                .header("X-Request-Id", "it-recording-1")
                .header("Accept", "application/json")
                .GET().build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        HttpResponse<String> response = Http.send(request);
        while (response.statusCode() == 503 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            response = Http.send(request);
        }
        return response;
    }

    private static JsonNode storedEvent(Suite suite, String requestId) throws Exception {
        String auditor = Tokens.admin("it-auditor");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> events = Http.get(suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1/audit/events?requestId="
                    + requestId, auditor);
            if (events.statusCode() == 200) {
                JsonNode found = JSON.readTree(events.body());
                if (found.size() > 0) {
                    return found.get(0);
                }
            }
            Thread.sleep(250);
        }
        fail("the call " + requestId + " did not reach the audit store within 15 s");
        return null;
    }
}
