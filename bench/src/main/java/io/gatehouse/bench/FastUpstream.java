package io.gatehouse.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;

import java.util.concurrent.TimeUnit;

/**
 * The upstream of the benchmark: answers every GET with the same 1 KiB JSON document from one
 * event loop, and 401 without the expected bearer credential (so a run proves injection).
 */
final class FastUpstream implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;

    private FastUpstream(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    static FastUpstream start(String expectedBearer) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        Buffer body = Buffer.buffer(document());
        String expected = "Bearer " + expectedBearer;
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (!expected.equals(request.getHeader("Authorization"))) {
                request.response().setStatusCode(401).end();
                return;
            }
            request.response().putHeader("Content-Type", "application/json").end(body);
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new FastUpstream(vertx, server);
    }

    int port() {
        return server.actualPort();
    }

    /** A 1 KiB JSON object shaped like an API answer. */
    static String document() {
        StringBuilder json = new StringBuilder("{\"id\":\"42\",\"name\":\"Ada Lovelace\",\"items\":[");
        int item = 0;
        while (json.length() < 1000) {
            json.append(item == 0 ? "" : ",").append("{\"sku\":\"sku-").append(item).append("\",\"qty\":").append(item % 7).append('}');
            item++;
        }
        json.append("],\"pad\":\"");
        while (json.length() < 1022) {
            json.append('x');
        }
        return json.append("\"}").toString();
    }

    @Override
    public void close() {
        vertx.close();
    }
}
