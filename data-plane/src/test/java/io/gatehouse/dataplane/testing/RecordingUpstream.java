package io.gatehouse.dataplane.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * An upstream for tests that records every request head the moment it arrives (so a request cut
 * off mid-body is still seen) and answers through a replaceable responder, by default 200 "ok".
 */
public final class RecordingUpstream {

    /** One request as the upstream saw it. */
    public record Received(String method, String uri, MultiMap headers) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile BiConsumer<HttpServerRequest, Buffer> responder = (request, body) ->
            request.response().putHeader("Content-Type", "text/plain").end("ok");

    private RecordingUpstream(Vertx vertx) throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> {
            received.add(new Received(request.method().name(), request.uri(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers())));
            request.body().onSuccess(body -> responder.accept(request, body));
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static RecordingUpstream start(Vertx vertx) throws Exception {
        return new RecordingUpstream(vertx);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<String> receivedUris() {
        return received.stream().map(Received::uri).toList();
    }

    public void clear() {
        received.clear();
    }

    /** How to answer a request whose body has been read completely. */
    public void respondWith(BiConsumer<HttpServerRequest, Buffer> responder) {
        this.responder = responder;
    }
}
