package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;

/** Lets tests in other packages open the proxy's server exactly as the service does, and drain it. */
public final class ProxyServerAccess {

    private ProxyServerAccess() {
    }

    public static HttpServer create(Vertx vertx, DataPlaneConfig.Proxy proxy, Handler<HttpServerRequest> handler,
                                    MeterRegistry metrics, ProxyDrain drain) {
        return ProxyServer.create(vertx, proxy, handler, new ConnectionLimit(proxy.maxConnections(), metrics), drain);
    }

    public static ProxyDrain drain(Duration readyDelay, Duration timeout) {
        return new ProxyDrain(readyDelay, timeout);
    }

    /** Runs the shutdown drain as the service does on SIGTERM; returns once it is over. */
    public static void runDrain(ProxyDrain drain) throws InterruptedException {
        drain.drain();
    }
}
