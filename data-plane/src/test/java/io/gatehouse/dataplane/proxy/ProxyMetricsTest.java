package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.testing.ProxyTestBed;
import io.gatehouse.dataplane.testing.RawHttp;
import io.gatehouse.dataplane.testing.RecordingUpstream;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proxy's Prometheus scrape after real calls: latency histograms of calls (by resource, decision and
 * status class) and of upstream exchanges, with their buckets; nothing of a query string, a path, a token
 * or the credential in it.
 */
class ProxyMetricsTest {

    private static final String SECRET = "metrics-canary-credential-4410";

    private static PrometheusMeterRegistry registry;
    private static ProxyTestBed proxy;

    @BeforeAll
    static void start() throws Exception {
        Vertx vertx = Vertx.vertx();
        RecordingUpstream upstream = RecordingUpstream.start(vertx);
        upstream.respondWith((request, body) -> request.response().setStatusCode(request.path().endsWith("/missing") ? 404 : 200)
                .end("ok"));
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        proxy = ProxyTestBed.builder().vertx(vertx).credential(SECRET).metrics(registry)
                .resource("orders", upstream.uri())
                .resource("unreachable", URI.create("http://127.0.0.1:1"))
                .start();
        call("/orders/list?session=query-canary-77&page=1", proxy.token());
        call("/orders/missing?x=query-canary-77", proxy.token());
        call("/orders/list?who=query-canary-77", "not-a-token-canary-88");
        call("/unreachable/x?y=query-canary-77", proxy.token());
        awaitRecordedCalls(4);
    }

    /** A call is recorded just after its answer went out: wait for all of them rather than for a while. */
    private static void awaitRecordedCalls(long expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (registry.find("gatehouse.proxy.requests").timers().stream().mapToLong(Timer::count).sum() < expected) {
            assertTrue(Instant.now().isBefore(deadline), "the proxy recorded fewer than " + expected + " calls");
            Thread.sleep(5);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
    }

    @Test
    void callsAreAHistogramByResourceDecisionAndStatusClass() {
        String scrape = registry.scrape();

        assertTrue(scrape.contains("# TYPE gatehouse_proxy_requests_seconds histogram"), scrape);
        assertBucket(scrape, "gatehouse_proxy_requests_seconds_bucket{decision=\"allowed\",resource=\"orders\",status=\"2xx\",le=\"0.005\"}");
        assertBucket(scrape, "gatehouse_proxy_requests_seconds_bucket{decision=\"allowed\",resource=\"orders\",status=\"4xx\",le=\"60.0\"}");
        assertBucket(scrape, "gatehouse_proxy_requests_seconds_bucket{decision=\"denied\",resource=\"none\",status=\"4xx\",le=\"+Inf\"}");
        assertBucket(scrape, "gatehouse_proxy_requests_seconds_bucket{decision=\"error\",resource=\"unreachable\",status=\"5xx\",le=\"1.0\"}");
        assertEquals(1.0, registry.get("gatehouse.proxy.requests").tags("resource", "orders", "status", "2xx").timer().count());
    }

    @Test
    void upstreamExchangesAreAHistogramWithTheirOwnLatency() {
        String scrape = registry.scrape();

        assertTrue(scrape.contains("# TYPE gatehouse_proxy_upstream_seconds histogram"), scrape);
        assertBucket(scrape, "gatehouse_proxy_upstream_seconds_bucket{resource=\"orders\",status=\"2xx\",le=\"0.25\"}");
        assertBucket(scrape, "gatehouse_proxy_upstream_seconds_bucket{resource=\"orders\",status=\"4xx\",le=\"+Inf\"}");
        assertBucket(scrape, "gatehouse_proxy_upstream_seconds_bucket{resource=\"unreachable\",status=\"none\",le=\"+Inf\"}");
    }

    @Test
    void noQueryStringPathTokenOrCredentialIsInTheScrape() {
        String scrape = registry.scrape();

        for (String forbidden : new String[] {"query-canary-77", "session", "/orders/list", "list", "not-a-token-canary-88", SECRET,
                proxy.token(), "deploy"}) {
            assertFalse(scrape.contains(forbidden), () -> "'" + forbidden + "' is in the scrape");
        }
    }

    private static void assertBucket(String scrape, String series) {
        // the text format may end a label set with a comma
        assertTrue(scrape.lines().map(line -> line.replace(",}", "}")).anyMatch(line -> line.startsWith(series + " ")),
                () -> "no " + series + " in\n" + scrape);
    }

    private static void call(String target, String token) throws Exception {
        try (RawHttp connection = proxy.connect()) {
            connection.send("GET " + target + " HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + token + "\r\n\r\n").read();
        }
    }
}
