package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.testing.RawHttp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fallback behind the framing guard: what Netty's decoder itself refuses is answered with
 * problem+json and a closed connection, and never reaches the request handler. (Served here without
 * the guard, so that Netty is the one refusing.)
 */
class InvalidRequestResponderTest {

    private static Vertx vertx;
    private static HttpServer server;
    private static final AtomicInteger handled = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setMaxInitialLineLength(256).setMaxHeaderSize(1024))
                .invalidRequestHandler(new InvalidRequestResponder())
                .requestHandler(request -> {
                    handled.incrementAndGet();
                    request.response().end("handled");
                })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @ParameterizedTest
    @CsvSource({"400, two different Content-Length, GET /a HTTP/1.1|Host: x|Content-Length: 1|Content-Length: 2",
            "414, overlong request line, GET /LONGPATH HTTP/1.1|Host: x",
            "431, overlong headers, GET /a HTTP/1.1|Host: x|X-Big: BIGVALUE"})
    void answersProblemJsonAndCloses(int status, String name, String head) throws Exception {
        String request = head.replace("LONGPATH", "a".repeat(300)).replace("BIGVALUE", "b".repeat(2000)).replace("|", "\r\n") + "\r\n\r\n";
        int before = handled.get();
        try (RawHttp connection = new RawHttp(server.actualPort())) {
            RawHttp.Response response = connection.send(request).read();

            assertEquals(status, response.status(), name);
            assertEquals("application/problem+json", response.header("Content-Type"));
            assertEquals(status, new JsonObject(response.body()).getInteger("status"));
            assertTrue(connection.closedByServer());
        }
        assertEquals(before, handled.get());
    }
}
