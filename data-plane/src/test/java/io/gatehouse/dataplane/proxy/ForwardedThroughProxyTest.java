package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.testing.ProxyTestBed;
import io.gatehouse.dataplane.testing.RawHttp;
import io.gatehouse.dataplane.testing.RecordingUpstream;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the upstream sees of X-Forwarded-* and Forwarded, with the test client (127.0.0.1) untrusted and trusted. */
class ForwardedThroughProxyTest {

    private static final String SPOOFING = "X-Forwarded-For: 198.51.100.9\r\nX-Forwarded-Host: evil.example\r\n"
            + "X-Forwarded-Proto: https\r\nForwarded: for=198.51.100.9\r\nX-Real-IP: 198.51.100.9\r\n";

    @Test
    void byDefaultTheCallersForwardingHeadersAreReplacedByThePeer() throws Exception {
        MultiMap seen = forwardThrough(ProxyTestBed.builder());

        assertEquals("127.0.0.1", seen.get("X-Forwarded-For"));
        assertEquals("http", seen.get("X-Forwarded-Proto"));
        assertEquals("gw.example", seen.get("X-Forwarded-Host"));
        assertNull(seen.get("Forwarded"));
        assertNull(seen.get("X-Real-IP"));
    }

    @Test
    void aTrustedPeerKeepsItsChainAndIsAppended() throws Exception {
        MultiMap seen = forwardThrough(ProxyTestBed.builder().setting("gatehouse.proxy.trusted-proxies", "10.0.0.0/8,127.0.0.0/8"));

        assertEquals("198.51.100.9, 127.0.0.1", seen.get("X-Forwarded-For"));
        assertEquals("https", seen.get("X-Forwarded-Proto"));
        assertEquals("evil.example", seen.get("X-Forwarded-Host"));
        assertEquals("for=198.51.100.9, for=127.0.0.1;proto=http", seen.get("Forwarded"));
        assertNull(seen.get("X-Real-IP"));
    }

    private static MultiMap forwardThrough(ProxyTestBed.Builder builder) throws Exception {
        Vertx vertx = Vertx.vertx();
        RecordingUpstream upstream = RecordingUpstream.start(vertx);
        try (ProxyTestBed proxy = builder.vertx(vertx).resource("demo", upstream.uri()).start();
             RawHttp connection = proxy.connect()) {
            RawHttp.Response response = connection.send("GET /demo/a HTTP/1.1\r\nHost: gw.example\r\n" + SPOOFING
                    + "Authorization: Bearer " + proxy.token() + "\r\n\r\n").read();
            assertEquals(200, response.status());
            return upstream.received().get(0).headers();
        }
    }
}
