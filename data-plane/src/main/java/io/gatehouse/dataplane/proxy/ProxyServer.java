package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.gatehouse.dataplane.proxy.framing.StrictRequestFraming;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.Http2ServerConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.TimeUnit;

/**
 * Opens the proxy listener: one HTTP server per event loop on the proxy port (Vert.x spreads
 * connections across them). The service does not start if the port cannot be bound.
 */
@ApplicationScoped
public class ProxyServer {

    private static final Logger LOG = Logger.getLogger(ProxyServer.class);

    void start(@Observes StartupEvent event, Vertx vertx, ProxyRequestHandler handler, DataPlaneConfig config,
               MeterRegistry metrics, ProxyDrain drain) throws Exception {
        DataPlaneConfig.Proxy proxy = config.proxy();
        boolean tls = ProxyTls.enabled(proxy.tls());
        ConnectionLimit limit = new ConnectionLimit(proxy.maxConnections(), metrics);
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        vertx.deployVerticle(() -> new AbstractVerticle() {
                    @Override
                    public void start(Promise<Void> started) {
                        create(vertx, proxy, handler, limit, drain).listen()
                                .onSuccess(server -> started.complete())
                                .onFailure(started::fail);
                    }
                }, new DeploymentOptions().setInstances(instances))
                .toCompletionStage().toCompletableFuture()
                .exceptionally(failure -> {
                    throw new IllegalStateException("cannot listen on " + proxy.host() + ":" + proxy.port()
                            + " (" + failure.getMessage() + "); set gatehouse.proxy.port to a free port", failure);
                })
                .get(30, TimeUnit.SECONDS);
        LOG.infof("Gatehouse proxy listening on %s://%s:%d (%s, %d event loops), data plane id %s", tls ? "https" : "http",
                proxy.host(), proxy.port(), !tls ? "HTTP/1.1" : proxy.tls().http2() ? "HTTP/2 and HTTP/1.1" : "HTTP/1.1",
                instances, config.dataPlane().id());
    }

    /**
     * The proxy's HTTP server: HTTP/1.1, and HTTP/2 over TLS when TLS is configured (never h2c: HTTP/1.1
     * connections are read by the framing guard, which reads HTTP/1.1), at most {@code limit} connections at
     * once, every HTTP/1.1 connection behind a {@link StrictRequestFraming} guard (HTTP/2 has binary framing,
     * checked by Netty's codec, and its requests pass {@link Http2RequestRules}), and requests Netty could not
     * decode answered with problem+json and a closed connection.
     */
    static HttpServer create(Vertx vertx, DataPlaneConfig.Proxy proxy, Handler<HttpServerRequest> handler, ConnectionLimit limit,
                             ProxyDrain drain) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(proxy.host())
                .setPort(proxy.port())
                .setMaxHeaderSize(proxy.maxHeaderSize())
                .setMaxInitialLineLength(proxy.maxInitialLineLength())
                .setHttp2ClearTextEnabled(false)
                .setCompressionSupported(false)
                .setDecompressionSupported(false);
        if (ProxyTls.enabled(proxy.tls())) {
            ProxyTls.apply(proxy, options);
        }
        return vertx.createHttpServer(options)
                .connectionHandler(connection -> {
                    if (drain.refusesConnections()) {
                        connection.close();
                        return;
                    }
                    if (limit.admit(connection) && !(connection instanceof Http2ServerConnection)) {
                        StrictRequestFraming.install(connection, proxy.maxInitialLineLength(), proxy.maxHeaderSize());
                    }
                })
                .invalidRequestHandler(new InvalidRequestResponder())
                .requestHandler(handler);
    }
}
