package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.audit.CallDecision;
import io.gatehouse.dataplane.audit.TimeOrderedIds;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.Logger;

/**
 * Answers requests that Netty's decoder could not read (Vert.x's invalid-request hook): a
 * problem+json 400 (414, 431 for an overlong line or header section), then the connection is
 * closed, since where the next request would begin is unknown. The request never reaches the
 * request path, so nothing is forwarded.
 */
final class InvalidRequestResponder implements Handler<HttpServerRequest> {

    private static final Logger LOG = Logger.getLogger(InvalidRequestResponder.class);

    @Override
    public void handle(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        LOG.debugf("Refused a request the HTTP decoder could not read from %s: %s", request.remoteAddress(),
                cause == null ? "unknown" : cause.getClass().getSimpleName());
        String requestId = TimeOrderedIds.nextString();
        request.response().putHeader(ProxyHeaders.REQUEST_ID, requestId).putHeader("Connection", "close")
                .endHandler(ended -> request.connection().close());
        ProblemResponses.send(request.response(), problemFor(cause), requestId);
    }

    private static Problem problemFor(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return new Problem(414, "malformed-request", "URI Too Long", "the request line is too long", CallDecision.DENIED);
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new Problem(431, "malformed-request", "Request Header Fields Too Large", "the request headers are too large",
                    CallDecision.DENIED);
        }
        return new Problem(400, "malformed-request", "Bad Request", "the request is not valid HTTP/1.1",
                CallDecision.DENIED);
    }
}
