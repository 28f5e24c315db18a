package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.testing.ProxyTestBed;
import io.gatehouse.dataplane.testing.RawHttp;
import io.gatehouse.dataplane.testing.RecordingUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proxy listener holds at most gatehouse.proxy.max-connections caller connections (one more is answered
 * 503 and closed, the open ones keep working, a freed slot is usable again), and calls to one upstream
 * wait for a pooled connection only up to gatehouse.proxy.upstream-max-waiting (beyond: 503 at once).
 */
class ConnectionLimitsTest {

    private static final List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
    private static ProxyTestBed proxy;

    @BeforeAll
    static void start() throws Exception {
        Vertx vertx = Vertx.vertx();
        RecordingUpstream upstream = RecordingUpstream.start(vertx);
        upstream.respondWith((request, body) -> {
            if (request.path().endsWith("/hold")) {
                held.add(request);
            } else {
                request.response().end("ok");
            }
        });
        proxy = ProxyTestBed.builder().vertx(vertx)
                .setting("gatehouse.proxy.max-connections", "2")
                .setting("gatehouse.proxy.upstream-max-connections", "1")
                .setting("gatehouse.proxy.upstream-max-waiting", "0")
                .resource("api", upstream.uri())
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
    }

    @Test
    void aConnectionBeyondTheLimitIsAnswered503AndClosedWhileTheOthersAreServed() throws Exception {
        try (RawHttp first = proxy.connect(); RawHttp second = proxy.connect()) {
            assertEquals(200, get(first, "/api/a").status(), "the connections within the limit are served");
            assertEquals(200, get(second, "/api/b").status());

            try (RawHttp third = proxy.connect()) {
                RawHttp.Response refused = third.read();
                assertEquals(503, refused.status());
                assertEquals("application/problem+json", refused.header("Content-Type"));
                assertEquals("close", refused.header("Connection"));
                assertTrue(refused.body().contains("connections"), refused.body());
                assertTrue(third.closedByServer());
            }
            assertEquals(200, get(first, "/api/c").status(), "an open connection keeps working");
            assertEquals(1.0, proxy.metrics().get("gatehouse.proxy.connections.refused").counter().count());
        }
        // both slots are free again once the server has seen the closes
        RawHttp.Response again = null;
        for (int attempt = 0; attempt < 50 && (again == null || again.status() != 200); attempt++) {
            Thread.sleep(20);
            try (RawHttp fresh = proxy.connect()) {
                again = get(fresh, "/api/d");
            }
        }
        assertEquals(200, again.status());
    }

    @Test
    void aCallThatWouldWaitForAnUpstreamConnectionBeyondTheQueueIs503() throws Exception {
        CompletableFuture<RawHttp.Response> holding = CompletableFuture.supplyAsync(() -> {
            try (RawHttp connection = proxy.connect()) {
                return get(connection, "/api/hold");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (int attempt = 0; attempt < 100 && held.isEmpty(); attempt++) {
            Thread.sleep(20);
        }
        assertEquals(1, held.size(), "the only pooled upstream connection is busy");

        RawHttp.Response refused;
        try (RawHttp connection = proxy.connect()) {
            refused = get(connection, "/api/other");
        }
        held.get(0).response().end("released");

        assertEquals(503, refused.status());
        assertTrue(refused.body().contains("waiting for a connection to the upstream"), refused.body());
        assertEquals(200, holding.get(10, TimeUnit.SECONDS).status());
    }

    private static RawHttp.Response get(RawHttp connection, String target) throws Exception {
        return connection.send("GET " + target + " HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + proxy.token() + "\r\n\r\n").read();
    }
}
