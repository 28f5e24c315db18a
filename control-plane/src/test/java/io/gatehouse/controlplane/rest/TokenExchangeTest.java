package io.gatehouse.controlplane.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.security.SigningKeys;
import io.gatehouse.controlplane.security.TestOidcIssuer;
import io.gatehouse.controlplane.service.PolicyUpdateService;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RFC 8693 token exchange: external OIDC tokens for gateway tokens, and every refusal with its RFC error code. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class TokenExchangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    private static final String JWT = "urn:ietf:params:oauth:token-type:jwt";
    private static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
    private static final Map<String, Object> DEPLOY_CLAIMS = Map.of("repository", "acme/deploy", "ref", "refs/heads/main");
    private static final String DEPLOY_SUBJECT = "repo:acme/deploy:ref:refs/heads/main";

    private static TestOidcIssuer ci;
    private static TestOidcIssuer untrusted;

    @Inject
    DeclarativeConfigLoader loader;

    @Inject
    PolicyUpdateService policyUpdates;

    @Inject
    SigningKeys signingKeys;

    private final List<String> logged = new ArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            synchronized (logged) {
                logged.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void startIssuers() throws Exception {
        ci = TestOidcIssuer.start();
        untrusted = TestOidcIssuer.start();
    }

    @AfterAll
    static void stopIssuers() {
        ci.close();
        untrusted.close();
    }

    @BeforeEach
    void bindIdentitiesToTheIssuer() {
        String expires = Instant.now().plus(Duration.ofDays(200)).toString();
        String config = """
                identities:
                  - name: deploy-bot
                    kind: ci-job
                    owner: {team: platform, contact: platform@acme.example}
                    purpose: Deploys acme/deploy from main
                    expires: %2$s
                    trust:
                      oidc:
                        issuer: %1$s
                        audiences: [gatehouse]
                        claims: {repository: acme/deploy, ref: refs/heads/main}
                  - name: paused-bot
                    kind: ci-job
                    owner: {team: platform, contact: platform@acme.example}
                    purpose: Deploys acme/paused, suspended for now
                    expires: %2$s
                    status: suspended
                    trust:
                      oidc:
                        issuer: %1$s
                        audiences: [gatehouse]
                        claims: {repository: acme/paused}
                """.formatted(ci.issuer(), expires);
        policyUpdates.apply(loader.parse(config, "exchange.yaml"), "exchange.yaml");
        Logger.getLogger("").addHandler(logCapture);
    }

    @AfterEach
    void stopCapturingLogs() {
        Logger.getLogger("").removeHandler(logCapture);
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void anExternalTokenIsExchangedForAShortLivedGatewayTokenOfItsIdentity() throws Exception {
        String subjectToken = ci.token(DEPLOY_SUBJECT, "gatehouse", 300, DEPLOY_CLAIMS);

        String jwt = exchange(subjectToken, JWT).formParam("audience", "gatehouse")
                .when().post("/oauth2/token")
                .then().statusCode(200).header("Cache-Control", "no-store").header("Pragma", "no-cache")
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(600))
                .body("issued_token_type", equalTo(ACCESS_TOKEN))
                .extract().path("access_token");

        String[] parts = jwt.split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("at+jwt", header.path("typ").asText());
        assertEquals(signingKeys.current().kid(), header.path("kid").asText());
        assertEquals("deploy-bot", claims.path("sub").asText());
        assertEquals("gatehouse", claims.path("aud").asText());
        assertEquals("gatehouse-control-plane", claims.path("iss").asText());
        assertEquals(600, claims.path("exp").asLong() - claims.path("iat").asLong());
        assertEquals(ci.issuer(), claims.path("gatehouse_binding").path("iss").asText());
        assertEquals(DEPLOY_SUBJECT, claims.path("gatehouse_binding").path("sub").asText());
        assertFalse(claims.has("act"), "no delegation is recorded: the token is the identity's own");
        assertTrue(signingKeys.verify(header.path("kid").asText(), (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                Base64.getUrlDecoder().decode(parts[2])), "signed with the control plane's key");

        exchange(ci.token(DEPLOY_SUBJECT, "gatehouse", 300, DEPLOY_CLAIMS), "urn:ietf:params:oauth:token-type:id_token")
                .formParam("requested_token_type", JWT).formParam("resource", "gatehouse")
                .when().post("/oauth2/token")
                .then().statusCode(200).body("issued_token_type", equalTo(JWT));

        String audit = given().when().get("/api/v1/audit/events?identity=deploy-bot&kind=token.exchanged")
                .then().statusCode(200)
                .body("reason", hasItem(containsString("subject " + DEPLOY_SUBJECT)))
                .extract().asString();
        assertFalse(audit.contains(subjectToken) || audit.contains(jwt), "tokens are never audited");
        assertNothingLogged(subjectToken, jwt);
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void malformedRequestsAreInvalidRequests() {
        String token = ci.token(DEPLOY_SUBJECT, "gatehouse", 300, DEPLOY_CLAIMS);

        refused(given().formParam("grant_type", EXCHANGE).formParam("subject_token_type", JWT), 400, "invalid_request")
                .body("error_description", containsString("subject_token is required"));
        refused(given().formParam("grant_type", EXCHANGE).formParam("subject_token", token), 400, "invalid_request")
                .body("error_description", containsString("subject_token_type is required"));
        refused(exchange(token, "urn:ietf:params:oauth:token-type:saml2"), 400, "invalid_request")
                .body("error_description", containsString("not supported"));
        refused(exchange(token, JWT).formParam("requested_token_type", "urn:ietf:params:oauth:token-type:refresh_token"),
                400, "invalid_request").body("error_description", containsString("cannot be issued"));
        refused(exchange(token, JWT).formParam("actor_token", token).formParam("actor_token_type", JWT), 400, "invalid_request")
                .body("error_description", containsString("actor_token is not supported"));
        refused(exchange(token, JWT).formParam("audience", "payments-api"), 400, "invalid_target")
                .body("error_description", containsString("gatehouse"));
        refused(exchange(token, JWT).formParam("resource", "https://payments.example"), 400, "invalid_target");
        refused(given().formParam("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer").formParam("assertion", token),
                400, "unsupported_grant_type");
        assertNothingLogged(token);
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void tokensThatProveNothingOrNoOneAreInvalidGrants() throws Exception {
        String expired = ci.tokenIssuedAt(Instant.now().minus(Duration.ofHours(1)), DEPLOY_SUBJECT, "gatehouse", 600, DEPLOY_CLAIMS);
        String untrustedIssuer = untrusted.token(DEPLOY_SUBJECT, "gatehouse", 300, DEPLOY_CLAIMS);
        String wrongAudience = ci.token(DEPLOY_SUBJECT, "another-service", 300, DEPLOY_CLAIMS);
        String unboundClaims = ci.token("repo:acme/other", "gatehouse", 300, Map.of("repository", "acme/other"));
        String forged = ci.forgedToken("ci-key-1", DEPLOY_SUBJECT, "gatehouse", DEPLOY_CLAIMS);

        refused(exchange(expired, JWT), 400, "invalid_grant").body("error_description", containsString("expired"));
        refused(exchange(untrustedIssuer, JWT), 400, "invalid_grant").body("error_description", containsString("not trusted"));
        refused(exchange(wrongAudience, JWT), 400, "invalid_grant").body("error_description", containsString("no identity"));
        refused(exchange(unboundClaims, JWT), 400, "invalid_grant").body("error_description", containsString("no identity"));
        refused(exchange(forged, JWT), 400, "invalid_grant").body("error_description", containsString("signature"));
        refused(exchange("not-a-jwt", JWT), 400, "invalid_grant").body("error_description", containsString("well-formed"));

        String audit = given().when().get("/api/v1/audit/events?kind=token.refused&limit=100").then().statusCode(200)
                .body("reason", hasItem(containsString("subject_token has expired")))
                .extract().asString();
        for (String token : List.of(expired, untrustedIssuer, wrongAudience, unboundClaims, forged)) {
            assertFalse(audit.contains(token), "refused tokens are never audited");
        }
        assertNothingLogged(expired, untrustedIssuer, wrongAudience, unboundClaims, forged);
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void aSuspendedIdentityIsAnUnauthorizedClient() {
        String token = ci.token("repo:acme/paused", "gatehouse", 300, Map.of("repository", "acme/paused"));

        refused(exchange(token, JWT), 400, "unauthorized_client")
                .body("error_description", equalTo("identity paused-bot is suspended"));
        given().when().get("/api/v1/audit/events?identity=paused-bot&kind=token.refused").then().statusCode(200)
                .body("reason", hasItem("identity paused-bot is suspended"));
    }

    @Test
    void anUnknownKeyIdRefetchesTheIssuersKeysOnlyOncePerInterval() throws Exception {
        exchange(ci.token(DEPLOY_SUBJECT, "gatehouse", 300, DEPLOY_CLAIMS), JWT).when().post("/oauth2/token")
                .then().statusCode(200);
        int fetches = ci.jwksFetches();
        for (int i = 0; i < 3; i++) {
            refused(exchange(ci.forgedToken("ci-key-x", DEPLOY_SUBJECT, "gatehouse", DEPLOY_CLAIMS), JWT),
                    400, "invalid_grant");
        }
        assertTrue(ci.jwksFetches() - fetches <= 1, "forged key ids do not make the control plane hammer the issuer");
    }

    private static RequestSpecification exchange(String subjectToken, String subjectTokenType) {
        return given().formParam("grant_type", EXCHANGE).formParam("subject_token", subjectToken)
                .formParam("subject_token_type", subjectTokenType);
    }

    private static ValidatableResponse refused(RequestSpecification request, int status, String error) {
        return request.when().post("/oauth2/token").then().statusCode(status).header("Cache-Control", "no-store")
                .body("error", equalTo(error)).body("access_token", nullValue());
    }

    private void assertNothingLogged(String... tokens) {
        org.jboss.logging.Logger.getLogger(TokenExchangeTest.class).infof("log capture %s", "probe");
        synchronized (logged) {
            assertTrue(logged.contains("log capture probe"), "the capture sees what the control plane logs");
            for (String line : logged) {
                for (String token : tokens) {
                    assertFalse(line.contains(token), "a token was logged: " + line);
                }
            }
        }
    }
}
