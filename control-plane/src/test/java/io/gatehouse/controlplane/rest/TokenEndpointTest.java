package io.gatehouse.controlplane.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.config.TestConfigs;
import io.gatehouse.controlplane.security.SigningKeys;
import io.gatehouse.controlplane.domain.ClientSecretInfo;
import io.gatehouse.controlplane.model.ClientSecretEntity;
import io.gatehouse.controlplane.repository.ClientSecretRepository;
import io.gatehouse.controlplane.service.PolicyUpdateService;
import io.gatehouse.controlplane.service.UnusedClientSecretRevoker;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Client secrets (created, imported, revoked) and the token endpoint's client credentials grant with RFC 6749 errors. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class TokenEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEGACY_KEY = "legacy-static-key-0123456789";

    @Inject
    DeclarativeConfigLoader loader;

    @Inject
    PolicyUpdateService policyUpdates;

    @Inject
    SigningKeys signingKeys;

    @Inject
    UnusedClientSecretRevoker revoker;

    @Inject
    ClientSecretRepository secretRepository;

    @BeforeEach
    void startFromTheReadmeExample() {
        policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE, "example.yaml"), "example.yaml");
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void aGeneratedSecretIsShownOnceAndBuysAShortLivedSignedToken() throws Exception {
        Response created = given().contentType("application/json").body("{\"description\": \"nightly deploys\"}")
                .when().post("/api/v1/identities/deploy-bot/client-secrets")
                .then().statusCode(201).header("Cache-Control", "no-store")
                .body("info.secretId", notNullValue()).body("secret", notNullValue()).extract().response();
        String secret = created.path("secret");
        String secretId = created.path("info.secretId");
        assertTrue(secret.startsWith("ghcs_"), "generated secrets are recognisable by scanners");

        given().when().get("/api/v1/identities/deploy-bot/client-secrets").then().statusCode(200)
                .body("find { it.secretId == '" + secretId + "' }.description", equalTo("nightly deploys"))
                .body(not(containsString(secret)));

        Response token = given().formParam("grant_type", "client_credentials").formParam("client_id", "deploy-bot")
                .formParam("client_secret", secret)
                .when().post("/oauth2/token")
                .then().statusCode(200).header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(600))
                .extract().response();
        String jwt = token.path("access_token");
        String[] parts = jwt.split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("at+jwt", header.path("typ").asText());
        assertEquals("ES256", header.path("alg").asText());
        assertEquals("deploy-bot", claims.path("sub").asText());
        assertEquals("gatehouse", claims.path("aud").asText());
        assertEquals("gatehouse-control-plane", claims.path("iss").asText());
        long lifetime = claims.path("exp").asLong() - claims.path("iat").asLong();
        assertEquals(600, lifetime);
        assertTrue(signingKeys.verify(header.path("kid").asText(), (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                Base64.getUrlDecoder().decode(parts[2])), "signed with the control plane's key");

        given().when().get("/api/v1/identities/deploy-bot/client-secrets").then()
                .body("find { it.secretId == '" + secretId + "' }.lastUsedAt", notNullValue());
        given().when().get("/api/v1/audit/events?identity=deploy-bot&kind=token.issued").then().statusCode(200)
                .body("find { it.reason.contains('" + secretId + "') }.actor", equalTo("deploy-bot"))
                .body(not(containsString(secret)));
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void anImportedLegacyKeyWorksWithHttpBasicUntilItIsRevoked() {
        String secretId = given().contentType("application/json").body("{\"secret\": \"" + LEGACY_KEY + "\"}")
                .when().post("/api/v1/identities/deploy-bot/client-secrets")
                .then().statusCode(201).body("secret", equalTo(LEGACY_KEY)).extract().path("info.secretId");

        given().auth().preemptive().basic("deploy-bot", LEGACY_KEY).formParam("grant_type", "client_credentials")
                .when().post("/oauth2/token").then().statusCode(200).body("access_token", notNullValue());

        given().when().delete("/api/v1/identities/deploy-bot/client-secrets/" + secretId + "?reason=rotated")
                .then().statusCode(200).body("revokedReason", equalTo("rotated"));
        given().auth().preemptive().basic("deploy-bot", LEGACY_KEY).formParam("grant_type", "client_credentials")
                .when().post("/oauth2/token").then().statusCode(401).body("error", equalTo("invalid_client"))
                .header("WWW-Authenticate", containsString("Basic"));

        given().contentType("application/json").body("{\"secret\": \"short\"}")
                .when().post("/api/v1/identities/deploy-bot/client-secrets")
                .then().statusCode(422).body("errors[0].path", equalTo("secret"));
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void badRequestsGetTheRfcErrorCodesAndRevealNothing() {
        String secret = given().when().post("/api/v1/identities/deploy-bot/client-secrets").then().statusCode(201)
                .extract().path("secret");

        given().formParam("grant_type", "password").formParam("client_id", "deploy-bot").formParam("client_secret", secret)
                .when().post("/oauth2/token").then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        given().formParam("client_id", "deploy-bot").formParam("client_secret", secret)
                .when().post("/oauth2/token").then().statusCode(400).body("error", equalTo("invalid_request"));
        String wrongSecret = given().formParam("grant_type", "client_credentials").formParam("client_id", "deploy-bot")
                .formParam("client_secret", secret + "x")
                .when().post("/oauth2/token").then().statusCode(401).body("error", equalTo("invalid_client"))
                .body("access_token", nullValue()).extract().asString();
        String unknownClient = given().formParam("grant_type", "client_credentials").formParam("client_id", "nobody")
                .formParam("client_secret", secret)
                .when().post("/oauth2/token").then().statusCode(401).extract().asString();
        assertEquals(wrongSecret, unknownClient, "an unknown client looks exactly like a wrong secret");
        assertFalse(wrongSecret.contains(secret));
        given().auth().preemptive().basic("deploy-bot", secret).formParam("grant_type", "client_credentials")
                .formParam("client_secret", secret)
                .when().post("/oauth2/token").then().statusCode(400).body("error", equalTo("invalid_request"));

        given().when().post("/api/v1/identities/deploy-bot/suspend").then().statusCode(200);
        given().formParam("grant_type", "client_credentials").formParam("client_id", "deploy-bot").formParam("client_secret", secret)
                .when().post("/oauth2/token").then().statusCode(400).body("error", equalTo("unauthorized_client"))
                .body("error_description", containsString("suspended"));
        given().when().get("/api/v1/audit/events?kind=token.refused&from=" + Instant.now().minusSeconds(60)).then()
                .statusCode(200).body("size()", equalTo(3)); // wrong secret, unknown client, suspended
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void secretsUnusedForTooLongAreRevokedOnceWithTheirReason() {
        String neverUsed = given().when().post("/api/v1/identities/deploy-bot/client-secrets").then().statusCode(201)
                .extract().path("info.secretId");
        String usedLately = given().when().post("/api/v1/identities/deploy-bot/client-secrets").then().statusCode(201)
                .extract().path("info.secretId");
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            ClientSecretEntity old = secretRepository.bySecretId(neverUsed).orElseThrow();
            old.createdAt = now.minus(Duration.ofDays(100));
            ClientSecretEntity recent = secretRepository.bySecretId(usedLately).orElseThrow();
            recent.createdAt = now.minus(Duration.ofDays(100));
            recent.lastUsedAt = now.minus(Duration.ofDays(10));
        });

        List<ClientSecretInfo> revoked = revoker.revokeUnused(now);

        ClientSecretInfo gone = revoked.stream().filter(info -> info.secretId().equals(neverUsed)).findFirst().orElseThrow();
        assertTrue(gone.revokedReason().startsWith("never used") && gone.revokedReason().contains("revoke-unused-after"),
                gone.revokedReason());
        assertTrue(revoked.stream().noneMatch(info -> info.secretId().equals(usedLately)), "used 10 days ago: kept");
        assertTrue(revoker.revokeUnused(now).isEmpty(), "revoked once");
        assertTrue(revoker.revokeUnused(now.plus(Duration.ofDays(81))).stream()
                .anyMatch(info -> info.secretId().equals(usedLately) && info.revokedReason().startsWith("unused since")));
        given().when().get("/api/v1/audit/events?kind=policy.client-secret.revoked").then().statusCode(200)
                .body("actor", hasItem("gatehouse-lifecycle"));
    }

    @Test
    @TestSecurity(user = "olga", roles = "gatehouse-team-payments")
    void anOwnerOfAnotherTeamCannotCreateSecretsForTheIdentity() {
        given().when().post("/api/v1/identities/deploy-bot/client-secrets").then().statusCode(403);
    }
}
