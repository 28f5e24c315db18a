package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.oidc.LocalOidcIssuer;
import io.gatehouse.launcher.suite.Database;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's own parts: the databases, the OIDC issuer, the demo upstream and the files it writes. */
@Order(0)
class LocalSuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void databasesExist() throws Exception {
        Suite suite = GatehouseSuite.get();
        for (String database : new String[] {Database.CONTROL, Database.APPROVAL}) {
            try (Connection connection = suite.database().connect(database)) {
                assertTrue(connection.isValid(5), database);
            }
        }
    }

    @Test
    void ciIssuerMintsWorkloadTokensForDeployBot() throws Exception {
        Suite suite = GatehouseSuite.get();
        HttpResponse<String> discovery = Http.get(suite.issuer().issuerUrl("ci") + "/.well-known/openid-configuration", null);
        assertEquals(200, discovery.statusCode(), () -> Http.describe(discovery));
        assertEquals(suite.issuer().issuerUrl("ci"), JSON.readTree(discovery.body()).path("issuer").asText());

        JsonNode claims = claims(Tokens.deployBot());
        assertEquals(suite.issuer().issuerUrl("ci"), claims.path("iss").asText());
        assertEquals(LocalOidcIssuer.DEPLOY_BOT_SUBJECT, claims.path("sub").asText());
        assertTrue(claims.path("aud").toString().contains("\"gatehouse\""), claims::toString);
        assertEquals("acme/deploy", claims.path("repository").asText());
        assertEquals("refs/heads/main", claims.path("ref").asText());

        JsonNode wrong = claims(Tokens.wrongAudience());
        assertTrue(wrong.path("aud").toString().contains("\"other\""), wrong::toString);
        assertTrue(!wrong.path("aud").toString().contains("\"gatehouse\""), wrong::toString);
    }

    @Test
    void adminIssuerMintsApproverTokens() throws Exception {
        Suite suite = GatehouseSuite.get();
        JsonNode claims = claims(Tokens.admin("alice"));
        assertEquals(suite.issuer().issuerUrl("admin"), claims.path("iss").asText());
        assertEquals("alice", claims.path("sub").asText());
        assertEquals("alice", claims.path("preferred_username").asText());
        assertTrue(claims.path("aud").toString().contains("\"gatehouse-admin\""), claims::toString);
        assertTrue(claims.path("groups").toString().contains("\"payments-approvers\""), claims::toString);
    }

    @Test
    void demoUpstreamOnlyAnswersTheInjectedCredential() {
        Suite suite = GatehouseSuite.get();
        String url = suite.upstream().baseUrl() + "/customers/42";
        assertEquals(401, Http.get(url, null).statusCode());
        assertEquals(401, Http.get(url, Tokens.deployBot()).statusCode());
        HttpResponse<String> ok = Http.get(url, suite.upstreamSecret());
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("\"ssn\":\"123-45-6789\""), ok::body);
        assertEquals(201, Http.postJson(suite.upstream().baseUrl() + "/refunds", suite.upstreamSecret(), "{}").statusCode());
    }

    @Test
    void writesTheDemoConfigAndAPrivateSecretStore() throws Exception {
        Suite suite = GatehouseSuite.get();
        String config = Files.readString(suite.configFile());
        assertTrue(config.contains("issuer: " + suite.issuer().issuerUrl("ci")), config);
        assertTrue(config.contains("upstream: " + suite.upstream().baseUrl()), config);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(suite.secretStoreFile())));
        assertTrue(Files.readString(suite.secretStoreFile()).contains(suite.upstreamSecret()));
    }

    private static JsonNode claims(String jwt) throws Exception {
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length, "a signed JWT");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertEquals("RS256", header.path("alg").asText());
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }
}
