package io.gatehouse.dataplane.proxy;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProxyHeadersTest {

    @Test
    void neverForwardsTheCallersCredentialsHopByHopOrGatehouseHeaders() {
        MultiMap caller = MultiMap.caseInsensitiveMultiMap()
                .add("Authorization", "Bearer caller-token")
                .add("Proxy-Authorization", "Basic x")
                .add("Connection", "keep-alive, X-Secret-Hop")
                .add("X-Secret-Hop", "drop me")
                .add("Transfer-Encoding", "chunked")
                .add("Host", "gateway")
                .add("X-Gatehouse-Request-Id", "spoofed")
                .add("Cookie", "session=caller-session")
                .add("X-Forwarded-For", "10.9.9.9")
                .add("Forwarded", "for=10.9.9.9")
                .add("Accept", "application/json");
        MultiMap upstream = MultiMap.caseInsensitiveMultiMap();
        ProxyHeaders.copyRequestHeaders(caller, upstream);
        assertEquals("application/json", upstream.get("Accept"));
        assertEquals(1, upstream.size(), upstream.toString());
        assertFalse(upstream.toString().contains("caller-token"));
        assertFalse(upstream.toString().contains("caller-session"));
        assertFalse(upstream.toString().contains("10.9.9.9"), "forwarding headers come from the proxy, not the caller");
    }

    @Test
    void dropsContentLengthOnlyWhenTheBodyIsRewritten() {
        MultiMap upstream = MultiMap.caseInsensitiveMultiMap().add("Content-Length", "10").add("Keep-Alive", "5")
                .add("Content-Type", "application/json");
        MultiMap rewritten = MultiMap.caseInsensitiveMultiMap();
        ProxyHeaders.copyResponseHeaders(upstream, rewritten, true);
        assertNull(rewritten.get("Content-Length"));
        assertNull(rewritten.get("Keep-Alive"));
        MultiMap passed = MultiMap.caseInsensitiveMultiMap();
        ProxyHeaders.copyResponseHeaders(upstream, passed, false);
        assertEquals("10", passed.get("Content-Length"));
    }

    @Test
    void aMaskedBodyLosesTheHeadersThatDescribeTheUpstreamsBytes() {
        MultiMap upstream = MultiMap.caseInsensitiveMultiMap().add("Content-Encoding", "gzip").add("Accept-Ranges", "bytes")
                .add("Content-Range", "bytes 0-9/100").add("Content-Digest", "sha-256=:x:").add("Digest", "SHA-256=x")
                .add("Content-MD5", "x").add("Repr-Digest", "sha-256=:x:").add("ETag", "\"v1\"").add("Content-Type", "application/json");
        MultiMap masked = MultiMap.caseInsensitiveMultiMap();
        ProxyHeaders.copyResponseHeaders(upstream, masked, true);
        assertEquals(2, masked.size(), masked.toString());
        assertEquals("application/json", masked.get("Content-Type"));
        assertEquals("\"v1\"", masked.get("ETag"));
    }

    @Test
    void joinsTheUpstreamBasePathTheResourcePathAndTheQuery() {
        assertEquals("/v2/customers/42?x=1", UpstreamForwarder.upstreamUri(URI.create("https://api/v2/"), "/customers/42", "x=1"));
        assertEquals("/customers/42", UpstreamForwarder.upstreamUri(URI.create("http://api:8091"), "/customers/42", null));
    }
}
