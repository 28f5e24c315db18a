package io.gatehouse.dataplane.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/**
 * X-Forwarded-For/-Proto/-Host for the upstream, from what the proxy itself saw of the caller's
 * connection. Values a caller sends are not trusted and never passed on (they are dropped with
 * the other proxy-set headers), so an upstream cannot be fooled about who called.
 */
final class ForwardedHeaders {

    private ForwardedHeaders() {
    }

    static void set(HttpServerRequest caller, MultiMap upstreamHeaders) {
        if (caller.remoteAddress() != null && caller.remoteAddress().hostAddress() != null) {
            upstreamHeaders.set("X-Forwarded-For", caller.remoteAddress().hostAddress());
        }
        upstreamHeaders.set("X-Forwarded-Proto", caller.isSSL() ? "https" : "http");
        if (caller.authority() != null) {
            upstreamHeaders.set("X-Forwarded-Host", caller.authority().toString());
        }
    }
}
