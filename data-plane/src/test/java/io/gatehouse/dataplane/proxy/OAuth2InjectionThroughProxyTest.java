package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.audit.CallRecord;
import io.gatehouse.dataplane.masking.MaskingPolicy;
import io.gatehouse.dataplane.policy.CredentialInjection;
import io.gatehouse.dataplane.policy.OAuth2Settings;
import io.gatehouse.dataplane.policy.Resource;
import io.gatehouse.dataplane.testing.MutableClock;
import io.gatehouse.dataplane.testing.ProxyTestBed;
import io.gatehouse.dataplane.testing.RawHttp;
import io.gatehouse.dataplane.testing.RecordingUpstream;
import io.gatehouse.launcher.testing.oauth2.FakeOAuth2Server;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OAuth2 client credentials through the real proxy: the data plane buys an access token at an RFC 6749
 * 4.4 token endpoint (in this test, one that checks the client's authentication) with the broker's
 * {@code client_id:client_secret}, caches it, shares one request among concurrent calls, buys a new one
 * when it expires or the upstream refuses it, injects it as Bearer, and answers 502 without a trace of
 * the endpoint's answer when it gets none. Neither the token nor the client secret reaches a caller.
 */
class OAuth2InjectionThroughProxyTest {

    private static final String CLIENT_ID = "gw-client";
    private static final String CLIENT_SECRET = "cl13nt+s3cret/value-5e1b";

    private static FakeOAuth2Server tokens;
    private static FakeOAuth2Server slowTokens;
    private static FakeOAuth2Server shortTokens;
    private static FakeOAuth2Server otherTokens;
    private static RecordingUpstream upstream;
    private static ProxyTestBed proxy;
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));

    @BeforeAll
    static void start() throws Exception {
        tokens = FakeOAuth2Server.start().client(CLIENT_ID, CLIENT_SECRET, "read", "write");
        slowTokens = FakeOAuth2Server.start().client(CLIENT_ID, CLIENT_SECRET).delay(Duration.ofMillis(500));
        shortTokens = FakeOAuth2Server.start().client(CLIENT_ID, CLIENT_SECRET).expiresIn(Duration.ofSeconds(2));
        otherTokens = FakeOAuth2Server.start().client(CLIENT_ID, "another-secret");
        Vertx vertx = Vertx.vertx();
        upstream = RecordingUpstream.start(vertx);
        upstream.respondWith((request, body) -> {
            if (request.path().endsWith("/reject")) {
                request.response().setStatusCode(401).end();
                return;
            }
            String authorization = request.getHeader("Authorization");
            request.response().putHeader("Content-Type", "text/plain").putHeader("X-Echo", authorization)
                    .end("you sent " + authorization + "; your client secret is " + CLIENT_SECRET);
        });
        proxy = ProxyTestBed.builder().vertx(vertx).credential(CLIENT_ID + ":" + CLIENT_SECRET)
                .setting("gatehouse.oauth2.expiry-margin", "1S")
                .oauth2Clock(CLOCK)
                .resource(resource("basic", tokens.tokenUrl(), List.of("read"), "https://api.acme.example",
                        OAuth2Settings.ClientAuth.CLIENT_SECRET_BASIC))
                .resource(resource("post", tokens.tokenUrl(), List.of("write"), null, OAuth2Settings.ClientAuth.CLIENT_SECRET_POST))
                .resource(resource("slow", slowTokens.tokenUrl(), List.of(), null, OAuth2Settings.ClientAuth.CLIENT_SECRET_BASIC))
                .resource(resource("short", shortTokens.tokenUrl(), List.of(), null, OAuth2Settings.ClientAuth.CLIENT_SECRET_BASIC))
                .resource(resource("refused", otherTokens.tokenUrl(), List.of(), null, OAuth2Settings.ClientAuth.CLIENT_SECRET_BASIC))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        for (FakeOAuth2Server server : List.of(tokens, slowTokens, shortTokens, otherTokens)) {
            server.close();
        }
    }

    @Test
    void theUpstreamGetsAnIssuedTokenBoughtWithHttpBasicAndTheCallsReuseIt() throws Exception {
        int before = tokens.requests().size();
        assertEquals(200, proxy.get("/basic/a").status());
        String first = lastAuthorization();
        assertEquals(200, proxy.get("/basic/b").status());

        assertTrue(first.startsWith("Bearer at-"), first);
        assertEquals(CLIENT_ID, tokens.issuedTo(first.substring(7)), "a token the endpoint issued to this client");
        assertEquals(first, lastAuthorization(), "the cached token serves the second call");
        List<FakeOAuth2Server.TokenRequest> made = tokens.requests().subList(before, tokens.requests().size());
        assertTrue(made.size() <= 1, "at most one token request (none if an earlier test bought it): " + made);
        tokens.requests().stream().filter(r -> "https://api.acme.example".equals(r.form().get("audience"))).findFirst()
                .ifPresentOrElse(request -> {
                    assertEquals("client_secret_basic", request.clientAuth());
                    assertEquals(Map.of("grant_type", "client_credentials", "scope", "read", "audience", "https://api.acme.example"),
                            request.form());
                }, () -> { throw new AssertionError("no token request of resource basic"); });
    }

    @Test
    void clientSecretPostSendsTheCredentialsInTheBody() throws Exception {
        assertEquals(200, proxy.get("/post/x").status());

        FakeOAuth2Server.TokenRequest request = tokens.requests().stream().filter(r -> "write".equals(r.form().get("scope")))
                .findFirst().orElseThrow();
        assertEquals("client_secret_post", request.clientAuth());
        assertEquals(CLIENT_ID, request.form().get("client_id"));
        assertEquals(CLIENT_ID, tokens.issuedTo(lastAuthorization().substring(7)));
    }

    @Test
    void concurrentCallsShareOneTokenRequest() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<RawHttp.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(callers.submit(() -> proxy.get("/slow/together")));
            }
            for (Future<RawHttp.Response> answer : answers) {
                assertEquals(200, answer.get().status());
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(1, slowTokens.requests().size());
        assertEquals(1, slowTokens.issued().size());
    }

    @Test
    void aTokenIsBoughtAgainOnceItsLifetimeLessTheMarginHasPassed() throws Exception {
        assertEquals(200, proxy.get("/short/1").status());
        String first = lastAuthorization();
        assertEquals(200, proxy.get("/short/2").status());
        assertEquals(first, lastAuthorization(), "fresh for expires_in (2s) minus the margin (1s)");

        CLOCK.advance(Duration.ofMillis(1_300));
        assertEquals(200, proxy.get("/short/3").status());

        assertNotEquals(first, lastAuthorization());
        assertEquals(2, shortTokens.requests().size());
    }

    @Test
    void aTokenTheUpstreamRefusesIsReplacedOnTheNextCall() throws Exception {
        assertEquals(200, proxy.get("/basic/before").status());
        String refused = lastAuthorization();
        int before = tokens.requests().size();

        assertEquals(401, proxy.get("/basic/reject").status());
        assertEquals(200, proxy.get("/basic/after").status());

        assertEquals(before + 1, tokens.requests().size());
        assertNotEquals(refused, lastAuthorization());
    }

    @Test
    void aRefusedTokenRequestIs502WithoutAnythingTheEndpointSaid() throws Exception {
        int upstreamCalls = upstream.received().size();
        RawHttp.Response response = proxy.get("/refused/x");

        assertEquals(502, response.status());
        assertEquals("application/problem+json", response.header("Content-Type"));
        assertTrue(response.body().contains("token endpoint"), response.body());
        assertNoSecret(response);
        assertFalse(response.body().contains("invalid_client") || response.body().contains("client authentication failed"),
                response.body());
        assertEquals(upstreamCalls, upstream.received().size(), "the upstream is not called without a token");
        CallRecord record = proxy.awaitRecord("/refused/x");
        assertFalse(record.toString().contains(CLIENT_SECRET), record.toString());

        proxy.get("/refused/again");
        assertEquals(2, otherTokens.requests().size(), "a failure is not cached: the next call asks again");
    }

    @Test
    void theTokenAndTheClientSecretAreScrubbedWhenEchoed() throws Exception {
        RawHttp.Response response = proxy.get("/basic/echo");

        assertEquals(200, response.status());
        assertNoSecret(response);
        for (String token : tokens.issued()) {
            assertFalse(response.body().contains(token), response.body());
            assertFalse(response.header("X-Echo").contains(token), response.header("X-Echo"));
        }
        assertTrue(response.body().startsWith("you sent Bearer [REDACTED"), response.body());
        assertEquals(3, proxy.awaitRecord("/basic/echo").maskedValues().get(EchoScrubbing.AUDIT_RULE_NAME),
                "the token in X-Echo and in the body, the client secret in the body");
        proxy.metrics().getMeters().forEach(meter -> assertFalse(meter.getId().toString().contains("at-")
                || meter.getId().toString().contains("5e1b"), meter.getId().toString()));
    }

    private static Resource resource(String name, URI tokenUrl, List<String> scopes, String audience,
                                     OAuth2Settings.ClientAuth clientAuth) {
        return new Resource(name, "/" + name, upstream.uri(), CredentialInjection.oauth2(new OAuth2Settings(tokenUrl, scopes,
                audience, clientAuth)), MaskingPolicy.NONE, Duration.ofSeconds(10), null);
    }

    private static String lastAuthorization() {
        String authorization = upstream.received().get(upstream.received().size() - 1).headers().get("Authorization");
        assertNotNull(authorization);
        return authorization;
    }

    private static void assertNoSecret(RawHttp.Response response) {
        assertFalse(response.body().contains(CLIENT_SECRET) || response.body().contains("5e1b"), response.body());
        response.headers().forEach((name, value) -> assertFalse(value.contains(CLIENT_SECRET), name + ": " + value));
    }
}
