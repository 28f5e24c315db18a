package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.audit.CallRecord;
import io.gatehouse.dataplane.masking.MaskingPolicy;
import io.gatehouse.dataplane.policy.CredentialInjection;
import io.gatehouse.dataplane.policy.InjectionStyle;
import io.gatehouse.dataplane.policy.Resource;
import io.gatehouse.dataplane.testing.ProxyTestBed;
import io.gatehouse.dataplane.testing.RawHttp;
import io.gatehouse.dataplane.testing.RecordingUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Graceful shutdown: while draining, answers close their connection; then new connections are refused, a call
 * in flight at the upstream still finishes with its answer and its audit record, and only then is the drain over.
 */
class ProxyDrainTest {

    private final BlockingQueue<HttpServerRequest> held = new LinkedBlockingQueue<>();
    private ProxyTestBed proxy;

    private ProxyTestBed start(Duration readyDelay) throws Exception {
        Vertx vertx = Vertx.vertx();
        RecordingUpstream upstream = RecordingUpstream.start(vertx);
        upstream.respondWith((request, body) -> {
            if (request.path().startsWith("/held")) {
                held.add(request);
            } else {
                request.response().end("ok");
            }
        });
        proxy = ProxyTestBed.builder().vertx(vertx)
                .resource(new Resource("api", "/api", upstream.uri(), CredentialInjection.of(InjectionStyle.BEARER),
                        MaskingPolicy.NONE, Duration.ofSeconds(30), null))
                .drain(readyDelay, Duration.ofSeconds(20))
                .start();
        return proxy;
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aCallInFlightFinishesWithItsRecordWhileNewConnectionsAreRefused() throws Exception {
        start(Duration.ZERO);
        CompletableFuture<RawHttp.Response> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return proxy.get("/api/held/1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpServerRequest atUpstream = held.poll(10, TimeUnit.SECONDS);
        assertNotNull(atUpstream, "the call reached the upstream");

        CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> {
            try {
                ProxyServerAccess.runDrain(proxy.drain());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitCondition(() -> proxy.drain().refusesConnections());

        try (RawHttp late = proxy.connect()) {
            late.send("GET /api/late HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + proxy.token() + "\r\n\r\n");
            assertTrue(late.closedByServer(), "a new connection is closed unread while draining");
        }
        assertFalse(drained.isDone(), "the drain waits for the call in flight");
        assertEquals(1, proxy.drain().inFlight());

        atUpstream.response().end("finally");

        RawHttp.Response answer = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, answer.status());
        assertEquals("finally", answer.body());
        drained.get(10, TimeUnit.SECONDS);
        CallRecord record = proxy.awaitRecord("/api/held/1");
        assertEquals(200, record.status());
        assertTrue(proxy.auditRecords().stream().noneMatch(call -> call.path().equals("/api/late")));
    }

    @Test
    void whileLeavingCallsAreServedButCloseTheirConnection() throws Exception {
        start(Duration.ofSeconds(30));
        try (RawHttp connection = proxy.connect()) {
            connection.send("GET /api/before HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + proxy.token() + "\r\n\r\n");
            assertEquals(null, connection.read().header("connection"), "kept alive before the drain");

            Thread drainer = new Thread(() -> {
                try {
                    ProxyServerAccess.runDrain(proxy.drain());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            drainer.setDaemon(true);
            drainer.start();
            awaitCondition(() -> proxy.drain().leaving());

            connection.send("GET /api/during HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + proxy.token() + "\r\n\r\n");
            RawHttp.Response during = connection.read();
            assertEquals(200, during.status());
            assertEquals("close", during.header("connection"));
            assertTrue(connection.closedByServer());
            assertFalse(proxy.drain().refusesConnections(), "new connections are still taken during the ready delay");
            drainer.interrupt();
        }
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Object monitor = new Object();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 10 s");
            synchronized (monitor) {
                monitor.wait(10);
            }
        }
    }
}
