package io.gatehouse.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * An open-loop load generator at a fixed request rate: calls are due at exact intervals whether or not earlier ones
 * have been answered, and each call's latency is measured from when it was due (so a stall shows in the latency of
 * every call it delayed, rather than being hidden as it is by generators that wait before sending the next call).
 * Latencies go into an HdrHistogram with microsecond resolution: hey, which this replaces for the fixed-rate runs,
 * reports in steps of 100 µs and adds its own client's overhead of several hundred, which is the size of what the
 * fixed-rate runs measure. One event loop of its own, keep-alive connections, at most {@code connections} calls in
 * flight (a call due while all are busy waits, its wait counted in its latency).
 */
final class FixedRateLoadGenerator {

    private static final long TIMEOUT_MILLIS = 10_000;

    private FixedRateLoadGenerator() {
    }

    static LoadResult run(String label, String url, String bearer, int connections, int requestsPerSecond, Duration duration)
            throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long[] outcomes = new long[2]; // answered, answered with a status other than 2xx or not at all; event loop only
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .putHeader("Authorization", "Bearer " + bearer).setIdleTimeout(TIMEOUT_MILLIS);
        long interval = TimeUnit.SECONDS.toNanos(1) / requestsPerSecond;
        long start = System.nanoTime();
        long calls = duration.toNanos() / interval;
        try {
            for (long i = 0; i < calls; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                vertx.runOnContext(ignored -> client.request(request)
                        .compose(call -> call.send().compose(response -> response.body().map(body -> response.statusCode())))
                        .onComplete(answer -> {
                            latencies.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - due)));
                            outcomes[0]++;
                            if (answer.failed() || answer.result() / 100 != 2) {
                                outcomes[1]++;
                            }
                        }));
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS + 1_000);
            while (onLoop(vertx, () -> outcomes[0]) < calls && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] counted = onLoop(vertx, outcomes::clone);
            Histogram recorded = onLoop(vertx, latencies::copy);
            return new LoadResult(label, counted[0] / seconds, recorded.getValueAtPercentile(50) / 1000.0,
                    recorded.getValueAtPercentile(99) / 1000.0, counted[1] + (calls - counted[0]));
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** A value as the event loop sees it (the counters and the histogram are only ever written there). */
    private static <T> T onLoop(Vertx vertx, Supplier<T> read) throws Exception {
        CompletableFuture<T> value = new CompletableFuture<>();
        vertx.runOnContext(ignored -> value.complete(read.get()));
        return value.get(30, TimeUnit.SECONDS);
    }
}
