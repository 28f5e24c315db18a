package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import io.gatehouse.launcher.upstream.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The migration path off static keys, end to end: an admin gives deploy-bot a client secret, the
 * automation trades it at the control plane's token endpoint for a gateway token, and the data plane
 * accepts that token (verified with the keys of the signed snapshot) like an OIDC token.
 */
class GatewayTokenTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aClientSecretBuysAGatewayTokenTheDataPlaneAccepts() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String admin = Tokens.admin("it-admin");
        String secrets = suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1/identities/deploy-bot/client-secrets";
        HttpResponse<String> created = Http.postJson(secrets, admin, "{\"description\": \"it: gateway token\"}");
        assertEquals(201, created.statusCode(), () -> Http.describe(created));
        JsonNode secret = JSON.readTree(created.body());
        String secretValue = secret.path("secret").asText();
        String secretId = secret.path("info").path("secretId").asText();
        try {
            HttpResponse<String> issued = token(suite, "deploy-bot", secretValue);
            assertEquals(200, issued.statusCode(), () -> Http.describe(issued));
            String gatewayToken = JSON.readTree(issued.body()).path("access_token").asText();

            int before = suite.upstream().requests().size();
            HttpResponse<String> call = Http.get(suite.proxyUrl() + "/demo/customers/42", gatewayToken);
            assertEquals(200, call.statusCode(), () -> Http.describe(call));
            List<RecordedRequest> seen = suite.upstream().requests().subList(before, suite.upstream().requests().size());
            assertEquals("Bearer " + suite.upstreamSecret(), seen.get(seen.size() - 1).header("Authorization"),
                    "the upstream gets the injected credential, not the gateway token");

            String forged = gatewayToken.substring(0, gatewayToken.length() - 4)
                    + (gatewayToken.endsWith("AAAA") ? "BBBB" : "AAAA");
            assertEquals(401, Http.get(suite.proxyUrl() + "/demo/customers/42", forged).statusCode());
            assertEquals(401, token(suite, "deploy-bot", secretValue + "-wrong").statusCode());
        } finally {
            HttpResponse<String> revoked = Http.delete(secrets + "/" + secretId + "?reason=it-done", admin);
            assertEquals(200, revoked.statusCode(), () -> Http.describe(revoked));
        }
        HttpResponse<String> afterRevocation = token(suite, "deploy-bot", secretValue);
        assertEquals(401, afterRevocation.statusCode());
        assertFalse(afterRevocation.body().contains(secretValue));
    }

    private static HttpResponse<String> token(Suite suite, String clientId, String clientSecret) {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        return Http.send(HttpRequest.newBuilder(URI.create(suite.httpUrl(Service.CONTROL_PLANE) + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }
}
