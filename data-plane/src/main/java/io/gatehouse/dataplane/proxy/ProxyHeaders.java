package io.gatehouse.dataplane.proxy;

import io.vertx.core.MultiMap;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Which headers cross the proxy. Hop-by-hop headers never do; the caller's credentials never reach the upstream. */
public final class ProxyHeaders {

    public static final String REQUEST_ID = "X-Gatehouse-Request-Id";
    public static final String JUSTIFICATION = "X-Gatehouse-Justification";
    /** On a retry after 202: the approval the call was told about; binds the retry to that approval's request. */
    public static final String APPROVAL_ID = "X-Gatehouse-Approval-Id";
    /** Invokes a grant's break-glass; its value is the reason (required). */
    public static final String BREAK_GLASS = "X-Gatehouse-Break-Glass";
    private static final String GATEHOUSE_PREFIX = "x-gatehouse-";

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    private ProxyHeaders() {
    }

    /** Headers the proxy sets itself from what it saw; a caller's values are never passed on. */
    private static final Set<String> SET_BY_PROXY = Set.of("host", "forwarded", "x-forwarded-for", "x-forwarded-host",
            "x-forwarded-proto", "x-forwarded-port", "x-real-ip");

    /**
     * Caller → upstream: without hop-by-hop headers, the caller's credentials (Authorization,
     * Cookie), the headers the proxy sets itself, or any X-Gatehouse-* header.
     */
    public static void copyRequestHeaders(MultiMap from, MultiMap to) {
        Set<String> dropped = droppedBy(from);
        dropped.add("authorization");
        dropped.add("cookie");
        dropped.addAll(SET_BY_PROXY);
        from.forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!dropped.contains(name) && !name.startsWith(GATEHOUSE_PREFIX)) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    /** Headers that describe the upstream's bytes, not the masked body the caller gets instead. */
    private static final Set<String> DESCRIBE_UNMASKED_BODY = Set.of("content-length", "content-encoding", "content-range",
            "accept-ranges", "content-md5", "digest", "content-digest", "repr-digest");

    /**
     * Upstream → caller: without hop-by-hop headers, and when the body is masked without those that
     * describe the upstream's bytes (length, encoding — a masked body is sent plain —, ranges, digests).
     */
    public static void copyResponseHeaders(MultiMap from, MultiMap to, boolean bodyRewritten) {
        Set<String> dropped = droppedBy(from);
        if (bodyRewritten) {
            dropped.addAll(DESCRIBE_UNMASKED_BODY);
        }
        from.forEach(header -> {
            if (!dropped.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                to.add(header.getKey(), header.getValue());
            }
        });
    }

    private static Set<String> droppedBy(MultiMap headers) {
        Set<String> dropped = new HashSet<>(HOP_BY_HOP);
        for (String connection : headers.getAll("Connection")) {
            for (String token : connection.split(",")) {
                dropped.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return dropped;
    }
}
