package io.gatehouse.dataplane.proxy.framing;

import java.util.Locale;

/** Header (and trailer) lines of requests and responses, read strictly (RFC 9112 5). */
final class FieldLineRules {

    private FieldLineRules() {
    }

    record Header(String lowerName, String value) {
    }

    /** Checks {@code name ":" OWS value OWS} and returns it; obs-fold and whitespace before the colon are refused. */
    static Header checkHeaderLine(String line) {
        if (HttpChars.isWhitespace(line.charAt(0))) {
            throw FramingViolation.badRequest("a header line starts with whitespace (obs-fold line folding is not accepted)");
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw FramingViolation.badRequest("a header line has no colon");
        }
        String name = line.substring(0, colon);
        if (!HttpChars.isToken(name)) {
            throw FramingViolation.badRequest(!name.isEmpty() && HttpChars.isWhitespace(name.charAt(name.length() - 1))
                    ? "whitespace between a header name and its colon"
                    : "a header name is empty or not a token");
        }
        for (int i = colon + 1; i < line.length(); i++) {
            if (!HttpChars.isFieldValueChar(line.charAt(i))) {
                throw FramingViolation.badRequest("a header value contains a control character");
            }
        }
        return new Header(name.toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
    }

    /** A Content-Length value: digits only (no sign, no list), at most 18 of them so it cannot overflow. */
    static long contentLength(String value) {
        if (value.isEmpty() || value.length() > 18) {
            throw FramingViolation.badRequest("Content-Length is not a number of at most 18 digits");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw FramingViolation.badRequest(c == ','
                        ? "Content-Length holds a list of values"
                        : "Content-Length is not a plain decimal number");
            }
        }
        return Long.parseLong(value);
    }
}
