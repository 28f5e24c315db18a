package io.gatehouse.dataplane.credential;

import io.gatehouse.dataplane.masking.MaskingPolicy;
import io.gatehouse.dataplane.policy.InjectionStyle;
import io.gatehouse.dataplane.policy.Resource;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class CredentialInjectorTest {

    private static final UpstreamCredential CREDENTIAL = new UpstreamCredential("api", "svc-user:s3cr3t-pässword",
            Instant.now().plusSeconds(60));

    @Test
    void eachStyleSetsItsHeader() {
        assertEquals("Bearer svc-user:s3cr3t-pässword", injected(InjectionStyle.BEARER, null).get("Authorization"));
        assertEquals("svc-user:s3cr3t-pässword", injected(InjectionStyle.HEADER, "X-Api-Key").get("X-Api-Key"));
        // RFC 7617: base64 of the UTF-8 bytes of user:password
        assertEquals("Basic c3ZjLXVzZXI6czNjcjN0LXDDpHNzd29yZA==", injected(InjectionStyle.BASIC, null).get("Authorization"));
    }

    @Test
    void anEchoedBasicCredentialIsScrubbedInTheFormThatWentOut() {
        String echoed = "you sent: Basic " + CredentialInjector.basicToken("svc-user:s3cr3t-pässword");

        String scrubbed = CREDENTIAL.echoScrubber(InjectionStyle.BASIC).scrubHeaderValue(echoed);

        assertFalse(scrubbed.contains("c3ZjLXVzZXI6czNjcjN0LXDDpHNzd29yZA=="), scrubbed);
    }

    private static MultiMap injected(InjectionStyle style, String header) {
        Resource resource = new Resource("api", "/api", URI.create("http://127.0.0.1:1"), style, header == null ? "" : header,
                MaskingPolicy.NONE, null, null);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        CredentialInjector.inject(resource, CREDENTIAL, headers);
        return headers;
    }
}
