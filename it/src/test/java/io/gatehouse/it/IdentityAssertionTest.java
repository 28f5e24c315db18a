package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.Await;
import io.gatehouse.it.support.ConfigSync;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.RecordingUpstream;
import io.gatehouse.it.support.SuiteVault;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.oidc.LocalOidcIssuer;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Identity assertions in the running suite, checked the way an upstream would, with nothing but the JDK: the
 * control plane's assertion JWK Set (fetched over HTTP) verifies the ES256 JWT each data plane puts on calls to the
 * inventory upstream; each data plane signs with a key of its own; the claims name the identity and its binding.
 */
@Order(2)
class IdentityAssertionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Suite suite;

    @BeforeAll
    static void suite() {
        suite = GatehouseSuite.requireAll();
        // a data plane's key is published once its config stream reached the control plane
        ConfigSync.awaitInSync(suite, Suite.DATA_PLANE_ID, Duration.ofSeconds(150));
    }

    @Test
    void theUpstreamVerifiesTheAssertionWithThePublishedKeysAndLearnsWhoCalled() throws Exception {
        String assertion = callInventoryThrough(suite.proxyUrl());

        JsonNode claims = verifiedClaims(assertion);
        assertEquals("gatehouse-data-plane", claims.get("iss").asText());
        assertEquals(SuiteVault.INVENTORY_AUDIENCE, claims.get("aud").asText());
        assertEquals("deploy-bot", claims.get("sub").asText());
        assertEquals(SuiteVault.INVENTORY, claims.get("resource").asText());
        assertEquals(suite.issuer().issuerUrl(LocalOidcIssuer.CI), claims.get("binding").get("iss").asText(), claims.toString());
        long now = Instant.now().getEpochSecond();
        assertTrue(claims.get("exp").asLong() > now && claims.get("exp").asLong() <= now + 301, claims.toString());
    }

    @Test
    void eachDataPlaneSignsWithAKeyOfItsOwnAndBothAreTrusted() throws Exception {
        String first = callInventoryThrough(suite.proxyUrl());
        String second = callInventoryThrough(GatehouseSuite.secondDataPlane());

        assertNotEquals(header(first).get("kid").asText(), header(second).get("kid").asText());
        assertEquals(GatehouseSuite.SECOND_DATA_PLANE_ID, verifiedClaims(second).get("data_plane").asText());
        assertNotEquals(GatehouseSuite.SECOND_DATA_PLANE_ID, verifiedClaims(first).get("data_plane").asText());
    }

    private static String callInventoryThrough(String proxyUrl) {
        HttpResponse<String> response = Http.get(proxyUrl + "/" + SuiteVault.INVENTORY + "/items", Tokens.deployBot());
        assertEquals(200, response.statusCode(), () -> Http.describe(response));
        String assertion = SuiteVault.upstream().lastAssertion();
        assertEquals(3, assertion.split("\\.").length, "the upstream got a compact JWS in " + RecordingUpstream.ASSERTION_HEADER);
        return assertion;
    }

    /** What an upstream does: find the key named by kid in the JWK Set, check the ES256 signature, read the claims. */
    private static JsonNode verifiedClaims(String assertion) throws Exception {
        JsonNode header = header(assertion);
        assertEquals("ES256", header.get("alg").asText());
        // as an upstream does: fetch the JWK Set again while it lacks the key the assertion names
        String kid = header.get("kid").asText();
        JsonNode[] key = new JsonNode[1];
        String[] lastSet = {""};
        Await.until("key " + kid + " in the assertion JWK Set", Duration.ofSeconds(30), () -> {
            HttpResponse<String> jwks = Http.get(suite.httpUrl(Service.CONTROL_PLANE) + "/.well-known/gatehouse/assertion-jwks.json", null);
            lastSet[0] = Http.describe(jwks);
            key[0] = jwks.statusCode() == 200 ? keyNamed(jwks.body(), kid) : null;
            return key[0] != null;
        }, () -> lastSet[0]);
        String[] parts = assertion.split("\\.");
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(p256(key[0]));
        es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(es256.verify(Base64.getUrlDecoder().decode(parts[2])), "the signature verifies with the published key");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static JsonNode keyNamed(String jwkSet, String kid) {
        try {
            for (JsonNode candidate : JSON.readTree(jwkSet).get("keys")) {
                if (candidate.get("kid").asText().equals(kid)) {
                    return candidate;
                }
            }
            return null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode header(String assertion) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(assertion.substring(0, assertion.indexOf('.'))));
    }

    private static PublicKey p256(JsonNode jwk) throws Exception {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point = new ECPoint(new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("x").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("y").asText())));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
    }
}
