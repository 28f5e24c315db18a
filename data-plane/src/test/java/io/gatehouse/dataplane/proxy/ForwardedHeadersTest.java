package io.gatehouse.dataplane.proxy;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ForwardedHeadersTest {

    private static final ForwardedHeaders TRUSTING_THE_LOAD_BALANCER = new ForwardedHeaders(TrustedProxies.of(List.of("10.0.0.0/8")));

    private static MultiMap callerSent() {
        return MultiMap.caseInsensitiveMultiMap()
                .add("X-Forwarded-For", "203.0.113.7")
                .add("X-Forwarded-For", "198.51.100.2")
                .add("X-Forwarded-Proto", "https")
                .add("X-Forwarded-Host", "api.example.com")
                .add("Forwarded", "for=203.0.113.7;proto=https");
    }

    @Test
    void byDefaultTrustsNoOneAndReplacesEverythingByThePeer() {
        MultiMap upstream = MultiMap.caseInsensitiveMultiMap();
        new ForwardedHeaders(TrustedProxies.of(List.of())).set("10.1.2.3", false, "gw:8080", callerSent(), upstream);

        assertEquals("10.1.2.3", upstream.get("X-Forwarded-For"));
        assertEquals("http", upstream.get("X-Forwarded-Proto"));
        assertEquals("gw:8080", upstream.get("X-Forwarded-Host"));
        assertNull(upstream.get("Forwarded"));
    }

    @Test
    void anUntrustedPeerIsNotBelieved() {
        MultiMap upstream = MultiMap.caseInsensitiveMultiMap();
        TRUSTING_THE_LOAD_BALANCER.set("192.0.2.50", false, "gw:8080", callerSent(), upstream);

        assertEquals("192.0.2.50", upstream.get("X-Forwarded-For"));
        assertEquals("http", upstream.get("X-Forwarded-Proto"));
        assertEquals("gw:8080", upstream.get("X-Forwarded-Host"));
        assertNull(upstream.get("Forwarded"));
    }

    @Test
    void aTrustedPeerKeepsItsChainWithItselfAppended() {
        MultiMap upstream = MultiMap.caseInsensitiveMultiMap();
        TRUSTING_THE_LOAD_BALANCER.set("10.1.2.3", false, "gw:8080", callerSent(), upstream);

        assertEquals("203.0.113.7, 198.51.100.2, 10.1.2.3", upstream.get("X-Forwarded-For"));
        assertEquals("https", upstream.get("X-Forwarded-Proto"));
        assertEquals("api.example.com", upstream.get("X-Forwarded-Host"));
        assertEquals("for=203.0.113.7;proto=https, for=10.1.2.3;proto=http", upstream.get("Forwarded"));
    }

    @Test
    void aTrustedPeerWithoutAChainIsTheChain() {
        MultiMap upstream = MultiMap.caseInsensitiveMultiMap();
        new ForwardedHeaders(TrustedProxies.of(List.of("fd00::/8"))).set("fd00::5", true, "gw", MultiMap.caseInsensitiveMultiMap()
                .add("X-Forwarded-Proto", "gopher").add("Forwarded", "for=unknown"), upstream);

        assertEquals("fd00::5", upstream.get("X-Forwarded-For"));
        assertEquals("https", upstream.get("X-Forwarded-Proto"), "a scheme other than http/https is not believed");
        assertEquals("gw", upstream.get("X-Forwarded-Host"));
        assertEquals("for=unknown, for=\"[fd00::5]\";proto=https", upstream.get("Forwarded"));
    }
}
