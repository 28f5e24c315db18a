package io.gatehouse.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A closed-loop load generator that keeps what wrk cannot: every answer's {@code X-Gatehouse-Request-Id} and
 * status. {@code connections} keep-alive connections (Vert.x HttpClient), each sending its next GET as soon as the
 * previous answer's body is in; runs until {@link #stop()}. A call that gets no answer (connection refused or reset,
 * no answer within the timeout) is counted as unanswered and the loop goes on.
 */
final class RecordingLoadGenerator implements AutoCloseable {

    static final String REQUEST_ID = "X-Gatehouse-Request-Id";

    private final Vertx vertx;
    private final HttpClient client;
    private final String url;
    private final Supplier<String> bearer;
    private final int connections;
    private final long timeoutMillis;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong answeredNot2xx = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private final List<Worker> workers = new ArrayList<>();
    private final CountDownLatch stopped;
    private volatile boolean stopping;
    private volatile String lastFailure;

    /** One answered call: its request id (null when the answer had none), status, send and answer times (nanoTime). */
    record Answer(String requestId, int status, long sentNanos, long answeredNanos) {
    }

    /** One call without an answer, and when it was given up. */
    record NoAnswer(long sentNanos, long failedNanos, String reason) {
    }

    RecordingLoadGenerator(String url, Supplier<String> bearer, int connections, long timeoutMillis) {
        this.url = url;
        this.bearer = bearer;
        this.connections = connections;
        this.timeoutMillis = timeoutMillis;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.min(2, Runtime.getRuntime().availableProcessors())));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        this.stopped = new CountDownLatch(connections);
    }

    /** Starts the connections' loops. */
    void start() {
        for (int i = 0; i < connections; i++) {
            Worker worker = new Worker();
            workers.add(worker);
            vertx.runOnContext(ignored -> worker.next());
        }
    }

    /** Lets every connection finish its call in flight and waits (up to the call timeout and a bit) for it. */
    void stop() throws InterruptedException {
        stopping = true;
        if (!stopped.await(timeoutMillis + 10_000, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the load generator's calls did not end within " + (timeoutMillis + 10_000) + " ms");
        }
    }

    long answered() {
        return answered.get();
    }

    /** Answers with a status other than 2xx. */
    long answeredNot2xx() {
        return answeredNot2xx.get();
    }

    long unanswered() {
        return unanswered.get();
    }

    String lastFailure() {
        return lastFailure;
    }

    /** Every answer, once {@link #stop()} returned. */
    List<Answer> answers() {
        List<Answer> all = new ArrayList<>();
        workers.forEach(worker -> all.addAll(worker.answers));
        return all;
    }

    /** Every call without an answer, once {@link #stop()} returned. */
    List<NoAnswer> noAnswers() {
        List<NoAnswer> all = new ArrayList<>();
        workers.forEach(worker -> all.addAll(worker.noAnswers));
        return all;
    }

    @Override
    public void close() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** One connection's loop; its calls are sequential, so its lists need no locking (the stop latch publishes them). */
    private final class Worker {
        final List<Answer> answers = new ArrayList<>();
        final List<NoAnswer> noAnswers = new ArrayList<>();

        void next() {
            if (stopping) {
                stopped.countDown();
                return;
            }
            long sent = System.nanoTime();
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                    .putHeader("Authorization", "Bearer " + bearer.get()).setIdleTimeout(timeoutMillis);
            client.request(request)
                    .compose(call -> call.send().compose(response -> response.body().map(body -> response)))
                    .onComplete(result -> {
                        long now = System.nanoTime();
                        if (result.succeeded()) {
                            answers.add(new Answer(result.result().getHeader(REQUEST_ID), result.result().statusCode(), sent, now));
                            answered.incrementAndGet();
                            if (result.result().statusCode() / 100 != 2) {
                                answeredNot2xx.incrementAndGet();
                            }
                        } else {
                            String reason = String.valueOf(result.cause());
                            noAnswers.add(new NoAnswer(sent, now, reason));
                            unanswered.incrementAndGet();
                            lastFailure = reason;
                            // no hot loop against a refusing socket
                            vertx.setTimer(10, ignored -> next());
                            return;
                        }
                        next();
                    });
        }
    }
}
