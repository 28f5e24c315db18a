package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/** Lets tests in other packages open the proxy's server exactly as the service does. */
public final class ProxyServerAccess {

    private ProxyServerAccess() {
    }

    public static HttpServer create(Vertx vertx, DataPlaneConfig.Proxy proxy, Handler<HttpServerRequest> handler,
                                    MeterRegistry metrics) {
        return ProxyServer.create(vertx, proxy, handler, new ConnectionLimit(proxy.maxConnections(), metrics));
    }
}
