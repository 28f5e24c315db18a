package io.gatehouse.launcher.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LocalOidcIssuerTest {

    @Test
    void configDefinesTheCiAndAdminIssuers() throws Exception {
        JsonNode config = new ObjectMapper().readTree(LocalOidcIssuer.jsonConfig());
        assertEquals(false, config.path("interactiveLogin").asBoolean(true));
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
    }
}
