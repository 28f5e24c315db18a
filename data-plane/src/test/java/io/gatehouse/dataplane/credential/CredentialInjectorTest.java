package io.gatehouse.dataplane.credential;

import io.gatehouse.dataplane.masking.MaskingPolicy;
import io.gatehouse.dataplane.policy.CredentialInjection;
import io.gatehouse.dataplane.policy.InjectionStyle;
import io.gatehouse.dataplane.policy.Resource;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialInjectorTest {

    private static final UpstreamCredential CREDENTIAL = new UpstreamCredential("api", "svc-user:s3cr3t-pässword",
            Instant.now().plusSeconds(60));

    @Test
    void eachStyleSetsItsHeader() {
        assertEquals("Bearer svc-user:s3cr3t-pässword", injected(CredentialInjection.of(InjectionStyle.BEARER)).get("Authorization"));
        assertEquals("svc-user:s3cr3t-pässword", injected(CredentialInjection.header("X-Api-Key")).get("X-Api-Key"));
        // RFC 7617: base64 of the UTF-8 bytes of user:password
        assertEquals("Basic c3ZjLXVzZXI6czNjcjN0LXDDpHNzd29yZA==", injected(CredentialInjection.of(InjectionStyle.BASIC)).get("Authorization"));
        assertTrue(injected(CredentialInjection.query("api_key")).isEmpty());
    }

    @Test
    void anEchoedBasicCredentialIsScrubbedInTheFormThatWentOut() {
        String echoed = "you sent: Basic " + CredentialInjector.basicToken("svc-user:s3cr3t-pässword");

        String scrubbed = CREDENTIAL.echoScrubber(CredentialInjection.of(InjectionStyle.BASIC)).scrubHeaderValue(echoed);

        assertFalse(scrubbed.contains("c3ZjLXVzZXI6czNjcjN0LXDDpHNzd29yZA=="), scrubbed);
    }

    @Test
    void theQueryStyleReplacesEveryParameterACallerSentUnderTheName() {
        Resource resource = resource(CredentialInjection.query("api_key"));

        String query = CredentialInjector.upstreamQuery(resource, CREDENTIAL,
                "api_key=mine&q=1&API_KEY=x&api%5Fkey=y&a=1;api_key=z&api+key=ok&api_key&bad%zz=1&api_keys=2");

        assertEquals("q=1&api+key=ok&api_keys=2&api_key=svc-user%3As3cr3t-p%C3%A4ssword", query);
    }

    @Test
    void theQueryStyleAddsTheParameterToAnEmptyQueryAndLeavesOtherStylesAlone() {
        assertEquals("k=svc-user%3As3cr3t-p%C3%A4ssword",
                CredentialInjector.upstreamQuery(resource(CredentialInjection.query("k")), CREDENTIAL, null));
        assertEquals("api_key=mine", CredentialInjector.upstreamQuery(resource(CredentialInjection.of(InjectionStyle.BEARER)),
                CREDENTIAL, "api_key=mine"));
    }

    @Test
    void theRecordedQueryNeverHoldsTheParameter() {
        Resource resource = resource(CredentialInjection.query("api_key"));

        assertEquals("q=1", CredentialInjector.recordableQuery(resource, "api_key=guess&q=1"));
        assertNull(CredentialInjector.recordableQuery(resource, "Api_Key=guess"));
        assertEquals("api_key=1", CredentialInjector.recordableQuery(resource(CredentialInjection.header("X-K")), "api_key=1"));
    }

    @Test
    void aQueryCredentialIsScrubbedPlainAndEncoded() {
        CredentialEchoScrubber scrubber = CREDENTIAL.echoScrubber(CredentialInjection.query("api_key"));

        // header values come one char per byte
        String echoed = new String("/x?api_key=svc-user%3As3cr3t-p%C3%A4ssword; decoded: svc-user:s3cr3t-pässword"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1);
        String scrubbed = scrubber.scrubHeaderValue(echoed);

        assertFalse(scrubbed.contains("s3cr3t"), scrubbed);
        assertEquals(2, scrubber.replaced());
    }

    private static Resource resource(CredentialInjection injection) {
        return new Resource("api", "/api", URI.create("http://127.0.0.1:1"), injection, MaskingPolicy.NONE, null, null);
    }

    private static MultiMap injected(CredentialInjection injection) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        CredentialInjector.inject(resource(injection), CREDENTIAL, headers);
        return headers;
    }
}
