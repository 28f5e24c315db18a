package io.gatehouse.dataplane.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;
import java.util.Locale;

/**
 * X-Forwarded-For/-Proto/-Host (and Forwarded) for the upstream. From a peer that is not a
 * trusted proxy, whatever the caller sent is discarded and the values come from the connection
 * the proxy itself saw, so an upstream cannot be fooled about who called. A trusted proxy's
 * chain is kept and the peer appended to it; its X-Forwarded-Proto and -Host are believed.
 */
final class ForwardedHeaders {

    private final TrustedProxies trusted;

    ForwardedHeaders(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    void set(HttpServerRequest caller, MultiMap upstreamHeaders) {
        String peer = caller.remoteAddress() == null ? null : caller.remoteAddress().hostAddress();
        set(peer, caller.isSSL(), caller.authority() == null ? null : caller.authority().toString(), caller.headers(),
                upstreamHeaders);
    }

    /** {@code upstreamHeaders} must not hold the caller's forwarding headers any more (they are dropped when copied). */
    void set(String peer, boolean tls, String authority, MultiMap callerHeaders, MultiMap upstreamHeaders) {
        String proto = tls ? "https" : "http";
        if (peer == null) {
            upstreamHeaders.set("X-Forwarded-Proto", proto);
            setIfPresent(upstreamHeaders, "X-Forwarded-Host", authority);
            return;
        }
        if (!trusted.trusts(peer)) {
            upstreamHeaders.set("X-Forwarded-For", peer);
            upstreamHeaders.set("X-Forwarded-Proto", proto);
            setIfPresent(upstreamHeaders, "X-Forwarded-Host", authority);
            return;
        }
        List<String> chain = callerHeaders.getAll("X-Forwarded-For");
        upstreamHeaders.set("X-Forwarded-For", chain.isEmpty() ? peer : String.join(", ", chain) + ", " + peer);
        String forwardedProto = callerHeaders.get("X-Forwarded-Proto");
        upstreamHeaders.set("X-Forwarded-Proto", isScheme(forwardedProto) ? forwardedProto.strip().toLowerCase(Locale.ROOT) : proto);
        String forwardedHost = callerHeaders.get("X-Forwarded-Host");
        setIfPresent(upstreamHeaders, "X-Forwarded-Host", forwardedHost != null && !forwardedHost.isBlank() ? forwardedHost.strip() : authority);
        List<String> forwarded = callerHeaders.getAll("Forwarded");
        if (!forwarded.isEmpty()) {
            upstreamHeaders.set("Forwarded", String.join(", ", forwarded) + ", for=" + forwardedNode(peer) + ";proto=" + proto);
        }
    }

    private static boolean isScheme(String value) {
        return value != null && (value.strip().equalsIgnoreCase("http") || value.strip().equalsIgnoreCase("https"));
    }

    /** RFC 7239 6: an IPv6 node is bracketed and quoted. */
    private static String forwardedNode(String address) {
        return address.indexOf(':') >= 0 ? "\"[" + address + "]\"" : address;
    }

    private static void setIfPresent(MultiMap headers, String name, String value) {
        if (value != null) {
            headers.set(name, value);
        }
    }
}
