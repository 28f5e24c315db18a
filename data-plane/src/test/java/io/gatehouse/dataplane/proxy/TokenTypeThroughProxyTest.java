package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.testing.ProxyTestBed;
import io.gatehouse.dataplane.testing.RawHttp;
import io.gatehouse.dataplane.testing.RecordingUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A correctly signed token of the wrong kind (a node token) or with critical extensions gets 401, never the upstream. */
class TokenTypeThroughProxyTest {

    private static RecordingUpstream upstream;
    private static ProxyTestBed proxy;

    @BeforeAll
    static void start() throws Exception {
        Vertx vertx = Vertx.vertx();
        upstream = RecordingUpstream.start(vertx);
        proxy = ProxyTestBed.builder().vertx(vertx).resource("demo", upstream.uri()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
    }

    @Test
    void aNodeTokenDoesNotAuthenticateACaller() throws Exception {
        String nodeToken = proxy.issuer().sign(proxy.issuer().claimsFor(ProxyTestBed.IDENTITY), Map.of("typ", "gatehouse-node+jwt"));
        assertRefusedWith401(nodeToken, "typ");
    }

    @Test
    void aTokenWithCriticalExtensionsDoesNotAuthenticateACaller() throws Exception {
        String critical = proxy.issuer().sign(proxy.issuer().claimsFor(ProxyTestBed.IDENTITY), Map.of("crit", List.of("x-policy"), "x-policy", "1"));
        assertRefusedWith401(critical, "crit");
    }

    @Test
    void anAccessTokenTypedAtJwtPasses() throws Exception {
        String accessToken = proxy.issuer().sign(proxy.issuer().claimsFor(ProxyTestBed.IDENTITY), Map.of("typ", "at+jwt"));
        try (RawHttp connection = proxy.connect()) {
            assertEquals(200, connection.send("GET /demo/a HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + accessToken + "\r\n\r\n")
                    .read().status());
        }
    }

    private static void assertRefusedWith401(String token, String reasonFragment) throws Exception {
        upstream.clear();
        try (RawHttp connection = proxy.connect()) {
            RawHttp.Response response = connection.send("GET /demo/a HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + token + "\r\n\r\n").read();

            assertEquals(401, response.status());
            assertEquals("application/problem+json", response.header("Content-Type"));
            String detail = new JsonObject(response.body()).getString("detail");
            assertTrue(detail.contains(reasonFragment), detail);
            for (String part : token.split("\\.")) {
                assertFalse(response.body().contains(part.substring(0, Math.min(16, part.length()))), "the token is not echoed");
            }
        }
        assertTrue(upstream.received().isEmpty());
    }
}
