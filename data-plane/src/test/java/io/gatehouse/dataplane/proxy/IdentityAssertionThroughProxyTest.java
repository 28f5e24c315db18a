package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.masking.MaskingPolicy;
import io.gatehouse.dataplane.policy.CredentialInjection;
import io.gatehouse.dataplane.policy.IdentityAssertion;
import io.gatehouse.dataplane.policy.InjectionStyle;
import io.gatehouse.dataplane.policy.Recording;
import io.gatehouse.dataplane.policy.Resource;
import io.gatehouse.dataplane.testing.ProxyTestBed;
import io.gatehouse.dataplane.testing.RawHttp;
import io.gatehouse.dataplane.testing.RecordingUpstream;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The identity assertion through the real proxy: the upstream of a resource that asks for one gets a JWT
 * it can verify with the data plane's published key, naming the identity and its binding; whatever a caller
 * sends under that header name never reaches the upstream; a resource that asks for none gets none.
 */
class IdentityAssertionThroughProxyTest {

    private static final String CUSTOM_HEADER = "X-Caller-Assertion";

    private static RecordingUpstream upstream;
    private static ProxyTestBed proxy;

    @BeforeAll
    static void start() throws Exception {
        Vertx vertx = Vertx.vertx();
        upstream = RecordingUpstream.start(vertx);
        upstream.respondWith((request, body) -> request.response().end("ok"));
        proxy = ProxyTestBed.builder().vertx(vertx).credential("upstream-secret-4471")
                .resource(resource("asserted", new IdentityAssertion("X-Gatehouse-Identity-Assertion", "https://asserted.internal", "gatehouse-data-plane", Duration.ofMinutes(5))))
                .resource(resource("custom", new IdentityAssertion(CUSTOM_HEADER, "custom-api", "gatehouse-data-plane",
                        Duration.ofMinutes(5))))
                .resource(resource("plain", null))
                .start();
    }

    private static Resource resource(String name, IdentityAssertion assertion) {
        return new Resource(name, "/" + name, upstream.uri(), CredentialInjection.of(InjectionStyle.BEARER), MaskingPolicy.NONE,
                Duration.ofSeconds(10), null, Recording.DEFAULT, assertion);
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
    }

    @Test
    void theUpstreamGetsAnAssertionItCanVerifyNamingTheIdentityAndItsBinding() throws Exception {
        assertEquals(200, proxy.get("/asserted/items").status());

        String assertion = lastReceived("/items").get("X-Gatehouse-Identity-Assertion");
        JwtClaims claims = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setExpectedIssuer("gatehouse-data-plane")
                .setExpectedAudience("https://asserted.internal")
                .setVerificationKey(KeyFactory.getInstance("EC")
                        .generatePublic(new X509EncodedKeySpec(proxy.assertionKey().publicKeyInfo())))
                .build().processToClaims(assertion);
        assertEquals(ProxyTestBed.IDENTITY, claims.getSubject());
        assertEquals("asserted", claims.getStringClaimValue("resource"));
        assertEquals(proxy.issuer().url(), ((Map<?, ?>) claims.getClaimValue("binding")).get("iss"));
        assertTrue(lastReceived("/items").get("Authorization").startsWith("Bearer upstream-secret"),
                "the injected credential travels beside the assertion");
    }

    @Test
    void aCallersOwnAssertionHeaderNeverReachesTheUpstream() throws Exception {
        try (RawHttp connection = proxy.connect()) {
            RawHttp.Response response = connection.send("GET /custom/forged HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer "
                    + proxy.token() + "\r\n" + CUSTOM_HEADER + ": forged.by.caller\r\n"
                    + "X-Gatehouse-Identity-Assertion: also.forged\r\n\r\n").read();
            assertEquals(200, response.status());
        }

        MultiMap headers = lastReceived("/forged");
        List<String> sent = headers.getAll(CUSTOM_HEADER);
        assertEquals(1, sent.size(), sent.toString());
        assertFalse(sent.get(0).contains("forged"), sent.get(0));
        assertEquals(3, sent.get(0).split("\\.").length, "a compact JWS");
        assertNull(headers.get("X-Gatehouse-Identity-Assertion"));
    }

    @Test
    void aResourceThatAsksForNoAssertionGetsNoneAndNoCallersCopy() throws Exception {
        try (RawHttp connection = proxy.connect()) {
            connection.send("GET /plain/none HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + proxy.token()
                    + "\r\nX-Gatehouse-Identity-Assertion: forged.by.caller\r\n\r\n").read();
        }

        assertNull(lastReceived("/none").get("X-Gatehouse-Identity-Assertion"));
    }

    private static MultiMap lastReceived(String uri) {
        List<RecordingUpstream.Received> received = upstream.received().stream().filter(call -> call.uri().equals(uri)).toList();
        assertFalse(received.isEmpty(), "the upstream got no call to " + uri);
        return received.get(received.size() - 1).headers();
    }
}
