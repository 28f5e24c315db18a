package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.Await;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 8693 token exchange and signing key rotation, end to end: a CI job trades its OIDC token for a gateway token
 * and calls through the data plane with it; the signing keys are rotated through the admin API; the token signed by
 * the old key keeps working, and a token signed by the new key works as soon as the data plane has the new key.
 */
class TokenExchangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void aCiTokenIsExchangedForAGatewayTokenThatSurvivesAKeyRotation() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String admin = Tokens.admin("it-admin");
        String keys = suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1/signing-keys";
        String ciToken = Tokens.deployBot();

        String beforeRotation = exchange(suite, ciToken);
        String oldKid = kid(beforeRotation);
        assertEquals(200, callThroughTheGateway(suite, beforeRotation).statusCode());

        HttpResponse<String> announced = Http.postJson(keys + "/rotate", admin, "{}");
        assertEquals(201, announced.statusCode(), () -> Http.describe(announced));
        String nextKid = JSON.readTree(announced.body()).path("kid").asText();
        assertEquals("next", JSON.readTree(announced.body()).path("state").asText());
        HttpResponse<String> jwks = Http.get(suite.httpUrl(Service.CONTROL_PLANE) + "/.well-known/gatehouse/jwks.json", null);
        assertTrue(jwks.body().contains(nextKid), "a next key is published before it signs");
        assertEquals(oldKid, kid(exchange(suite, Tokens.deployBot())), "and does not sign yet");

        HttpResponse<String> replaced = Http.send(HttpRequest.newBuilder(URI.create(keys + "/rotate?immediate=true"))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(201, replaced.statusCode(), () -> Http.describe(replaced));
        String newKid = JSON.readTree(replaced.body()).path("kid").asText();
        HttpResponse<String> listed = Http.get(keys, admin);
        assertEquals(200, listed.statusCode(), () -> Http.describe(listed));
        assertFalse(listed.body().contains("private"), "private keys never leave the control plane");
        assertEquals("retired", stateOf(listed.body(), oldKid));

        String afterRotation = exchange(suite, Tokens.deployBot());
        assertEquals(newKid, kid(afterRotation));
        assertNotEquals(oldKid, newKid);
        assertEquals(200, callThroughTheGateway(suite, beforeRotation).statusCode(), "a token in flight keeps working");
        awaitAccepted(suite, afterRotation);
        assertEquals(200, callThroughTheGateway(suite, beforeRotation).statusCode());
    }

    private static String stateOf(String keyList, String kid) throws Exception {
        for (JsonNode key : JSON.readTree(keyList)) {
            if (key.path("kid").asText().equals(kid)) {
                return key.path("state").asText();
            }
        }
        return "missing";
    }

    /** The data plane accepts a token signed by the new key once the snapshot carrying that key has arrived. */
    private static void awaitAccepted(Suite suite, String token) {
        Await.until("the data plane accepts a token signed by the new key", DEADLINE,
                () -> callThroughTheGateway(suite, token).statusCode() == 200,
                () -> Http.describe(callThroughTheGateway(suite, token)));
    }

    private static HttpResponse<String> callThroughTheGateway(Suite suite, String token) {
        return Http.get(suite.proxyUrl() + "/demo/customers/42", token);
    }

    private static String exchange(Suite suite, String subjectToken) throws Exception {
        String form = "grant_type=" + encode("urn:ietf:params:oauth:grant-type:token-exchange")
                + "&subject_token_type=" + encode("urn:ietf:params:oauth:token-type:jwt")
                + "&subject_token=" + encode(subjectToken);
        HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(URI.create(suite.httpUrl(Service.CONTROL_PLANE) + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertEquals(200, answer.statusCode(), () -> Http.describe(answer));
        assertFalse(answer.body().contains(subjectToken), "the subject token is not echoed");
        JsonNode body = JSON.readTree(answer.body());
        assertEquals("urn:ietf:params:oauth:token-type:access_token", body.path("issued_token_type").asText());
        return body.path("access_token").asText();
    }

    private static String kid(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.')))).path("kid").asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
