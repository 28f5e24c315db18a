package io.gatehouse.dataplane.proxy;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Each event loop gets a client of its own and keeps it; threads that are not event loops share one. */
class UpstreamClientsTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachEventLoopKeepsItsOwnClientAndOtherThreadsShareOne() throws Exception {
        AtomicInteger built = new AtomicInteger();
        UpstreamClients clients = new UpstreamClients(() -> {
            built.incrementAndGet();
            return vertx.createHttpClient();
        });
        List<Context> contexts = twoEventLoopContexts();
        Context first = contexts.get(0);
        Context second = contexts.get(1);

        HttpClient onFirst = on(first, clients);
        HttpClient onSecond = on(second, clients);
        assertNotSame(onFirst, onSecond, "two event loops, two clients (and two pools)");
        assertSame(onFirst, on(first, clients), "an event loop keeps its client");

        HttpClient offLoop = clients.current();
        assertSame(offLoop, CompletableFuture.supplyAsync(clients::current).get(10, TimeUnit.SECONDS),
                "threads that are not event loops share one client rather than get one each");
        assertNotSame(onFirst, offLoop);
        assertEquals(3, built.get());
    }

    /** The contexts of two verticle instances: Vert.x gives each its own event loop, as it does the proxy's servers. */
    private static List<Context> twoEventLoopContexts() throws Exception {
        List<Context> contexts = new CopyOnWriteArrayList<>();
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                contexts.add(context);
            }
        }, new DeploymentOptions().setInstances(2)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return contexts;
    }

    private static HttpClient on(Context context, UpstreamClients clients) throws Exception {
        CompletableFuture<HttpClient> client = new CompletableFuture<>();
        context.runOnContext(ignored -> client.complete(clients.current()));
        return client.get(10, TimeUnit.SECONDS);
    }
}
