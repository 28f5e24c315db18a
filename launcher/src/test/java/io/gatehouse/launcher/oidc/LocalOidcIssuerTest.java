package io.gatehouse.launcher.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LocalOidcIssuerTest {

    @Test
    void configDefinesTheCiAndAdminIssuers() throws Exception {
        JsonNode config = new ObjectMapper().readTree(LocalOidcIssuer.jsonConfig());
        assertEquals(true, config.path("interactiveLogin").asBoolean(false), "the console's sign-in needs the login form");
        JsonNode ci = config.path("tokenCallbacks").get(0);
        assertEquals("ci", ci.path("issuerId").asText());
        JsonNode deployBot = ci.path("requestMappings").get(0);
        assertEquals("deploy-bot", deployBot.path("match").asText());
        assertEquals("gatehouse", deployBot.path("claims").path("aud").get(0).asText());
        assertEquals("acme/deploy", deployBot.path("claims").path("repository").asText());
        assertEquals("*", ci.path("requestMappings").get(2).path("match").asText());
        JsonNode admin = config.path("tokenCallbacks").get(1);
        assertEquals("admin", admin.path("issuerId").asText());
        assertEquals("gatehouse-admin", admin.path("requestMappings").get(0).path("claims").path("aud").get(0).asText());
        assertEquals("payments-approvers", admin.path("requestMappings").get(0).path("claims").path("groups").get(0).asText());
        JsonNode signedIn = admin.path("requestMappings").get(0);
        assertEquals("subject", signedIn.path("requestParam").asText(), "people of the login form come first");
        assertEquals("demo-admin", signedIn.path("claims").path("preferred_username").asText());
        assertEquals("gatehouse-console", signedIn.path("claims").path("aud").get(1).asText(), "the ID token's audience is the console");
        JsonNode last = admin.path("requestMappings").get(admin.path("requestMappings").size() - 1);
        assertEquals("client_id", last.path("requestParam").asText());
        assertEquals("*", last.path("match").asText());
        assertEquals("${clientId}", last.path("claims").path("sub").asText());
    }
}
