package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.ConfigSync;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.GatewayTokens;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An identity's rate limit, set through the admin API, is enforced by the data plane: its burst
 * passes, the next call gets 429 with Retry-After and a problem body, and the refusal is audited.
 */
class RateLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IDENTITY = "it-rate-limited";

    @Test
    void callsBeyondTheBurstGetTooManyRequests() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String admin = Tokens.admin("it-admin");
        String api = suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1";
        String expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        assertEquals(201, Http.postJson(api + "/identities", admin, """
                {"name": "%s", "kind": "service", "owner": {"team": "platform", "contact": "platform@acme.example"},
                 "purpose": "it: rate limits", "expires": "%s", "rateLimit": {"requests": 1, "per": "1h", "burst": 2}}
                """.formatted(IDENTITY, expires)).statusCode());
        HttpResponse<String> grant = Http.postJson(api + "/grants", admin, """
                {"identity": "%s", "resource": "demo", "methods": ["GET"], "paths": ["/customers/**"]}
                """.formatted(IDENTITY));
        assertEquals(201, grant.statusCode(), () -> Http.describe(grant));
        String grantId = JSON.readTree(grant.body()).path("id").asText();
        HttpResponse<String> secret = Http.postJson(api + "/identities/" + IDENTITY + "/client-secrets", admin, "{}");
        try {
            ConfigSync.awaitInSync(suite, Suite.DATA_PLANE_ID, Duration.ofSeconds(30));
            String token = GatewayTokens.issue(suite, IDENTITY, JSON.readTree(secret.body()).path("secret").asText());
            String url = suite.proxyUrl() + "/demo/customers/42";

            assertEquals(200, Http.get(url, token).statusCode());
            assertEquals(200, Http.get(url, token).statusCode());
            HttpResponse<String> limited = Http.get(url, token);

            assertEquals(429, limited.statusCode(), () -> Http.describe(limited));
            long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElse("0"));
            assertTrue(retryAfter > 0 && retryAfter <= 3600, "Retry-After " + retryAfter);
            assertEquals("application/problem+json", limited.headers().firstValue("Content-Type").orElse(""));
            assertTrue(limited.body().contains("1 calls per PT1H"), limited.body());

            String requestId = limited.headers().firstValue("X-Gatehouse-Request-Id").orElseThrow();
            JsonNode recorded = awaitAuditEvent(api, requestId);
            assertEquals("DENIED", recorded.path("decision").asText(), recorded::toString);
        } finally {
            Http.delete(api + "/grants/" + grantId, admin);
            Http.delete(api + "/identities/" + IDENTITY, admin);
        }
    }

    /** The data plane ships audit events in batches; the refusal arrives within seconds. */
    private static JsonNode awaitAuditEvent(String api, String requestId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        String auditor = Tokens.admin("it-auditor");
        while (Instant.now().isBefore(deadline)) {
            JsonNode events = JSON.readTree(Http.get(api + "/audit/events?requestId=" + requestId, auditor).body());
            if (events.size() > 0) {
                return events.get(0);
            }
        }
        throw new AssertionError("no audit event for request " + requestId);
    }
}
