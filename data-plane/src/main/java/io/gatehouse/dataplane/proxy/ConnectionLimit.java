package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.proxy.framing.ClosingProblemResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The most caller connections the proxy listener holds open at once, over all its event loops. A
 * connection beyond the limit reads nothing: it is answered 503 problem+json ({@code Connection: close},
 * {@code Retry-After}) and closed at once, so a caller learns why instead of seeing a reset, and the
 * connections already open keep being served.
 */
final class ConnectionLimit {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter refused;

    ConnectionLimit(int max, MeterRegistry metrics) {
        if (max < 1) {
            throw new IllegalArgumentException("gatehouse.proxy.max-connections must be at least 1, was " + max);
        }
        this.max = max;
        Gauge.builder("gatehouse.proxy.connections.open", open, AtomicInteger::get)
                .description("Caller connections the proxy holds open").register(metrics);
        this.refused = Counter.builder("gatehouse.proxy.connections.refused")
                .description("Caller connections refused because the proxy held gatehouse.proxy.max-connections").register(metrics);
    }

    /** Counts the connection until it closes; false (and the connection refused) when the limit is reached. */
    boolean admit(HttpConnection connection) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            refused.increment();
            refuse(((ConnectionBase) connection).channel());
            return false;
        }
        connection.closeHandler(closed -> open.decrementAndGet());
        return true;
    }

    private static void refuse(Channel channel) {
        // read nothing more: no request of this connection may reach the request path
        channel.config().setAutoRead(false);
        Problem problem = Problem.unavailable("the gateway holds as many connections as it may; retry shortly");
        var response = ClosingProblemResponse.of(problem);
        response.headers().set("Retry-After", "1");
        channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
