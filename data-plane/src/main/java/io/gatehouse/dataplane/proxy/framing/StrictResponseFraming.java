package io.gatehouse.dataplane.proxy.framing;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import org.jboss.logging.Logger;

/**
 * Puts a {@link ResponseFramingGuard} in front of the HTTP/1.1 codec of a new upstream connection
 * (through Vert.x's connect handler, which runs before the first request is written).
 */
public final class StrictResponseFraming {

    private static final Logger LOG = Logger.getLogger(StrictResponseFraming.class);

    /** Handler name of Vert.x's HTTP/1.x client codec (io.vertx.core.http.impl.HttpChannelConnector). */
    private static final String VERTX_CODEC = "codec";

    private StrictResponseFraming() {
    }

    public static void install(HttpConnection connection, int maxStatusLine, int maxHeaderSection) {
        ChannelPipeline pipeline = ((ConnectionBase) connection).channel().pipeline();
        if (pipeline.get(VERTX_CODEC) == null) {
            connection.close();
            throw new IllegalStateException("the upstream connection has no HTTP/1.x codec to guard");
        }
        connection.exceptionHandler(failure -> {
            if (failure instanceof MalformedUpstreamResponseException) {
                LOG.warnf("Upstream %s sent a malformed response (%s); the call fails with 502 and the connection is closed",
                        connection.remoteAddress(), failure.getMessage());
            } else {
                LOG.debugf("Upstream connection to %s failed: %s", connection.remoteAddress(), failure.toString());
            }
        });
        RequestMethodTracker requests = new RequestMethodTracker();
        pipeline.addAfter(VERTX_CODEC, "gatehouseRequestMethods", requests);
        pipeline.addBefore(VERTX_CODEC, "gatehouseResponseFramingGuard",
                new ResponseFramingGuard(maxStatusLine, maxHeaderSection, requests));
    }
}
