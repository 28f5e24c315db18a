package io.gatehouse.dataplane.proxy.framing;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Puts the {@link RequestFramingGuard} in front of the HTTP/1.1 decoder of a new proxy connection.
 * Vert.x offers no public hook into the pipeline; its connection handler runs while the channel is
 * being set up, before the first byte is read, so the guard sees the whole stream.
 */
public final class StrictRequestFraming {

    /** Handler names of Vert.x's HTTP/1.x server pipeline (io.vertx.core.http.impl.HttpServerWorker). */
    private static final String VERTX_DECODER = "httpDecoder";
    private static final String VERTX_ENCODER = "httpEncoder";

    private StrictRequestFraming() {
    }

    public static void install(HttpConnection connection, int maxRequestLine, int maxHeaderSection) {
        ChannelPipeline pipeline = ((ConnectionBase) connection).channel().pipeline();
        if (pipeline.get(VERTX_DECODER) == null || pipeline.get(VERTX_ENCODER) == null) {
            // fail closed: a connection the guard cannot watch is not served
            connection.close();
            throw new IllegalStateException("the proxy connection has no HTTP/1.x decoder to guard (HTTP/2 is not served)");
        }
        ExchangeTracker exchanges = new ExchangeTracker();
        pipeline.addAfter(VERTX_ENCODER, "gatehouseExchangeTracker", exchanges);
        pipeline.addBefore(VERTX_DECODER, "gatehouseFramingGuard",
                new RequestFramingGuard(maxRequestLine, maxHeaderSection, exchanges));
    }
}
