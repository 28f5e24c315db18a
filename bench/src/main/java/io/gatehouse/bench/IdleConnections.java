package io.gatehouse.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keep-alive connections to the gateway that are idle: {@code count} requests are sent at once from a pool
 * of {@code count} connections, so each one opens its own (answered 200, or 503 where the gateway's upstream pool and its
 * wait queue are full); once all are answered the connections stay open
 * in the pool, doing nothing, until {@link #close()}.
 */
final class IdleConnections implements AutoCloseable {

    private final HttpClient client;
    private final int opened;

    private IdleConnections(HttpClient client, int opened) {
        this.client = client;
        this.opened = opened;
    }

    static IdleConnections open(Vertx vertx, String url, String bearer, int count) throws Exception {
        AtomicInteger connections = new AtomicInteger();
        HttpClient client = vertx.httpClientBuilder()
                .with(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(3600).setPipelining(false))
                .with(new PoolOptions().setHttp1MaxSize(count).setMaxWaitQueueSize(-1))
                .withConnectHandler(connection -> connections.incrementAndGet())
                .build();
        URI target = URI.create(url);
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(target.getHost())
                .setPort(target.getPort()).setURI(target.getRawPath()).putHeader("Authorization", "Bearer " + bearer);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(client.request(request).compose(call -> call.send())
                    .compose(response -> response.body().map(body -> response.statusCode())));
        }
        List<Integer> statuses = Future.all(answers).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS)
                .list();
        // 1,000 calls at once are more than the data plane's upstream pool and its wait queue take: the ones beyond
        // are answered 503 at once, on a connection that stays open like the others
        long busy = statuses.stream().filter(status -> status == 503).count();
        if (busy > 0) {
            System.out.printf("  %d of the %d calls that open the idle connections were answered 503 (upstream pool full); "
                    + "their connections stay open all the same%n", busy, count);
        }
        long failed = statuses.stream().filter(status -> status != 200 && status != 503).count();
        if (failed > 0) {
            client.close();
            throw new IllegalStateException(failed + " of the " + count + " requests that open the idle connections were not answered 200");
        }
        return new IdleConnections(client, connections.get());
    }

    /** Connections the pool opened (each is then idle). */
    int opened() {
        return opened;
    }

    @Override
    public void close() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
