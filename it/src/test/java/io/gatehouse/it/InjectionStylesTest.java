package io.gatehouse.it;

import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.SuiteVault;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The query and OAuth2 client credentials injection styles in the running suite, with credentials from Vault: the
 * query parameter replaces the caller's own, the OAuth2 resource's client id and secret buy an access token at a
 * real token endpoint process-external to the data plane, and echoes of either are scrubbed.
 */
@Order(2)
class InjectionStylesTest {

    private static Suite suite;

    @BeforeAll
    static void suite() throws InterruptedException {
        suite = GatehouseSuite.requireAll();
        // a vault broker started just now serves credentials once the control plane's config reached it
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Http.get(suite.proxyUrl() + "/" + SuiteVault.KEYED + "/ready", Tokens.deployBot()).statusCode() == 503) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the vault broker served no credential for " + SuiteVault.KEYED + " within 60 s");
            }
            Thread.sleep(500);
        }
    }

    @Test
    void theQueryCredentialReplacesTheParameterACallerSent() {
        HttpResponse<String> response = Http.get(suite.proxyUrl() + "/" + SuiteVault.KEYED + "/items?api_key=chosen-by-caller&page=2",
                Tokens.deployBot());

        assertEquals(200, response.statusCode(), () -> Http.describe(response));
        assertEquals("/items?page=2&api_key=" + SuiteVault.keyedSecret(), SuiteVault.upstream().lastUri());
    }

    @Test
    void theOAuth2ResourceGetsAnAccessTokenTheEndpointIssuedAndReusesIt() {
        int before = SuiteVault.oauth2().requests().size();
        HttpResponse<String> first = Http.get(suite.proxyUrl() + "/" + SuiteVault.PARTNER + "/orders", Tokens.deployBot());
        assertEquals(200, first.statusCode(), () -> Http.describe(first));
        String authorization = SuiteVault.upstream().lastAuthorization();
        HttpResponse<String> second = Http.get(suite.proxyUrl() + "/" + SuiteVault.PARTNER + "/orders/7", Tokens.deployBot());
        assertEquals(200, second.statusCode(), () -> Http.describe(second));

        assertTrue(authorization.startsWith("Bearer "), authorization);
        assertEquals(SuiteVault.PARTNER_CLIENT_ID, SuiteVault.oauth2().issuedTo(authorization.substring(7)));
        assertEquals(authorization, SuiteVault.upstream().lastAuthorization(), "the cached token serves the second call");
        assertTrue(SuiteVault.oauth2().requests().size() - before <= 1, "at most one token request");
        assertEquals("orders:read", SuiteVault.oauth2().requests().get(0).form().get("scope"));
    }

    @Test
    void echoesOfTheQueryCredentialAndTheAccessTokenAreScrubbed() {
        HttpResponse<String> keyed = Http.get(suite.proxyUrl() + "/" + SuiteVault.KEYED + "/echo?x=1", Tokens.deployBot());
        HttpResponse<String> partner = Http.get(suite.proxyUrl() + "/" + SuiteVault.PARTNER + "/echo", Tokens.deployBot());

        assertEquals(200, keyed.statusCode(), () -> Http.describe(keyed));
        assertEquals(200, partner.statusCode(), () -> Http.describe(partner));
        assertTrue(SuiteVault.upstream().lastUri().endsWith("/echo"), "the upstream was called and echoed");
        assertFalse(keyed.body().contains(SuiteVault.keyedSecret()), keyed.body());
        assertTrue(keyed.body().contains("api_key=[REDACTED"), keyed.body());
        for (String token : SuiteVault.oauth2().issued()) {
            assertFalse(partner.body().contains(token), partner.body());
        }
        assertTrue(partner.body().contains("Bearer [REDACTED"), partner.body());
    }
}
