package io.gatehouse.dataplane.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What makes an HTTP/2 request malformed (RFC 9113 8.2 and 8.3) before it is turned into an HTTP/1.1 request
 * for the upstream: a field value a line-based parser would split (CR, LF, NUL) or pad, an upper-case or
 * invalid field name, a connection-specific field, a {@code te} other than {@code trailers}, disagreeing
 * {@code content-length}s, or a {@code host} that names another authority than {@code :authority} (routing
 * is by host). Such a request gets 400 and never reaches an upstream.
 */
final class Http2RequestRules {

    private static final Set<String> CONNECTION_SPECIFIC = Set.of("connection", "proxy-connection", "keep-alive",
            "transfer-encoding", "upgrade");
    /** Methods whose HTTP/2 request has no body unless it says so with a content-length. */
    private static final Set<HttpMethod> BODILESS_UNLESS_DECLARED = Set.of(HttpMethod.GET, HttpMethod.HEAD,
            HttpMethod.OPTIONS, HttpMethod.DELETE, HttpMethod.TRACE);

    private Http2RequestRules() {
    }

    /** Why the request is malformed, or empty when it is well-formed (or not HTTP/2). */
    static Optional<String> violation(HttpServerRequest request) {
        if (request.version() != HttpVersion.HTTP_2) {
            return Optional.empty();
        }
        MultiMap headers = request.headers();
        for (Map.Entry<String, String> field : headers) {
            Optional<String> problem = fieldProblem(field.getKey(), field.getValue());
            if (problem.isPresent()) {
                return problem;
            }
        }
        List<String> lengths = headers.getAll("content-length");
        if (lengths.stream().distinct().count() > 1 || lengths.stream().anyMatch(length -> !length.matches("[0-9]{1,18}"))) {
            return Optional.of("content-length must be one decimal number");
        }
        String host = headers.get("host");
        if (host != null && request.authority() != null && !host.equalsIgnoreCase(request.authority().toString())) {
            return Optional.of("host and :authority name different authorities");
        }
        return Optional.empty();
    }

    /**
     * Whether an HTTP/2 request carries a body for the upstream: HTTP/2 frames the body without a header, so a
     * request without content-length is streamed unless its method has no body by convention (its stray DATA
     * frames are then dropped, never sent).
     */
    static boolean hasBody(HttpServerRequest request) {
        String length = request.headers().get("content-length");
        if (length != null) {
            return !"0".equals(length);
        }
        return !BODILESS_UNLESS_DECLARED.contains(request.method());
    }

    private static Optional<String> fieldProblem(String name, String value) {
        if (name.startsWith(":")) {
            return Optional.empty();
        }
        if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT)) || !name.chars().allMatch(Http2RequestRules::isTokenChar)) {
            return Optional.of("field names must be lower-case tokens");
        }
        if (CONNECTION_SPECIFIC.contains(name)) {
            return Optional.of("connection-specific field '" + name + "' is not allowed in HTTP/2");
        }
        if (name.equals("te") && !value.trim().equalsIgnoreCase("trailers")) {
            return Optional.of("te may only be 'trailers' in HTTP/2");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            return Optional.of("field values may not contain CR, LF or NUL");
        }
        if (!value.isEmpty() && (isPadding(value.charAt(0)) || isPadding(value.charAt(value.length() - 1)))) {
            return Optional.of("field values may not start or end with white space");
        }
        return Optional.empty();
    }

    private static boolean isPadding(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
}
