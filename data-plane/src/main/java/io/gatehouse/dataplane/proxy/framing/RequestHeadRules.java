package io.gatehouse.dataplane.proxy.framing;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The strict reading of a request head: one request line, header lines, and from them the one
 * unambiguous way the body is framed. Whatever two parsers could read differently is refused
 * instead of interpreted — this proxy is one of two parsers on the path to the upstream.
 */
final class RequestHeadRules {

    /** Codings that are well-formed but that this proxy does not decode (RFC 9112 6.1: 501). */
    private static final Set<String> KNOWN_UNSUPPORTED_CODINGS = Set.of("gzip", "x-gzip", "deflate", "compress", "x-compress");

    private RequestHeadRules() {
    }

    /** Checks {@code method SP origin-form SP HTTP/1.x}; returns the version ("HTTP/1.0" or "HTTP/1.1"). */
    static String checkRequestLine(String line) {
        int firstSpace = line.indexOf(' ');
        int secondSpace = firstSpace < 0 ? -1 : line.indexOf(' ', firstSpace + 1);
        if (firstSpace < 0 || secondSpace < 0) {
            throw FramingViolation.badRequest("the request line needs a method, a target and an HTTP version (HTTP/0.9 is not supported)");
        }
        if (line.indexOf(' ', secondSpace + 1) >= 0 || line.indexOf('\t') >= 0) {
            throw FramingViolation.badRequest("the request line has more than three parts or separators other than one space");
        }
        String method = line.substring(0, firstSpace);
        String target = line.substring(firstSpace + 1, secondSpace);
        String version = line.substring(secondSpace + 1);
        if (!HttpChars.isToken(method)) {
            throw FramingViolation.badRequest("the request method is not a token");
        }
        checkTarget(target);
        return checkVersion(version);
    }

    private static void checkTarget(String target) {
        if (target.isEmpty()) {
            throw FramingViolation.badRequest("the request target is empty");
        }
        for (int i = 0; i < target.length(); i++) {
            if (!HttpChars.isVisibleAscii(target.charAt(i))) {
                throw FramingViolation.badRequest("the request target contains a character outside visible US-ASCII");
            }
        }
        if (target.charAt(0) != '/') {
            // absolute-form would let the URI's authority and the Host header disagree about where the call
            // goes; authority-form (CONNECT) and asterisk-form have no path to route. A gateway needs neither.
            throw FramingViolation.badRequest("the request target must be a path starting with '/' (origin-form);"
                    + " absolute-form, authority-form and '*' are not accepted");
        }
        if (target.startsWith("//")) {
            throw FramingViolation.badRequest("the request target starts with '//', which reads as an authority");
        }
    }

    private static String checkVersion(String version) {
        if (version.equals("HTTP/1.1") || version.equals("HTTP/1.0")) {
            return version;
        }
        if (version.length() == 8 && version.startsWith("HTTP/") && Character.isDigit(version.charAt(5))
                && version.charAt(6) == '.' && Character.isDigit(version.charAt(7))) {
            throw new FramingViolation(505, "only HTTP/1.0 and HTTP/1.1 are supported on this port");
        }
        throw FramingViolation.badRequest("the HTTP version in the request line is malformed");
    }

    /** The body framing a complete, syntactically valid head declares; every ambiguity is refused. */
    static BodyFraming framing(String version, List<FieldLineRules.Header> headers) {
        int hosts = 0;
        int transferEncodings = 0;
        int contentLengths = 0;
        String transferEncoding = null;
        String contentLength = null;
        for (FieldLineRules.Header header : headers) {
            switch (header.lowerName()) {
                case "host" -> hosts++;
                case "transfer-encoding" -> {
                    transferEncodings++;
                    transferEncoding = header.value();
                }
                case "content-length" -> {
                    contentLengths++;
                    contentLength = header.value();
                }
                default -> {
                }
            }
        }
        if (hosts > 1 || (hosts == 0 && version.equals("HTTP/1.1"))) {
            throw FramingViolation.badRequest("an HTTP/1.1 request needs exactly one Host header");
        }
        if (transferEncodings > 0 && contentLengths > 0) {
            throw FramingViolation.badRequest("both Content-Length and Transfer-Encoding are present");
        }
        if (transferEncodings > 0) {
            if (version.equals("HTTP/1.0")) {
                throw FramingViolation.badRequest("Transfer-Encoding in an HTTP/1.0 request");
            }
            if (transferEncodings > 1) {
                throw FramingViolation.badRequest("more than one Transfer-Encoding header");
            }
            return requestTransferCoding(transferEncoding);
        }
        if (contentLengths > 1) {
            throw FramingViolation.badRequest("more than one Content-Length header");
        }
        return contentLengths == 0 ? BodyFraming.NONE : BodyFraming.length(FieldLineRules.contentLength(contentLength));
    }

    private static BodyFraming requestTransferCoding(String value) {
        String[] codings = value.split(",", -1);
        for (int i = 0; i < codings.length; i++) {
            codings[i] = codings[i].strip().toLowerCase(Locale.ROOT);
            if (!HttpChars.isToken(codings[i])) {
                throw FramingViolation.badRequest("Transfer-Encoding is not a list of codings");
            }
        }
        if (codings.length == 1 && codings[0].equals("chunked")) {
            return BodyFraming.CHUNKED;
        }
        if (!codings[codings.length - 1].equals("chunked")) {
            throw FramingViolation.badRequest("Transfer-Encoding does not end with chunked, so the body has no reliable length");
        }
        for (int i = 0; i < codings.length - 1; i++) {
            if (!KNOWN_UNSUPPORTED_CODINGS.contains(codings[i])) {
                throw FramingViolation.badRequest("Transfer-Encoding names an unknown or repeated coding");
            }
        }
        throw new FramingViolation(501, "transfer codings other than chunked are not supported");
    }

}
