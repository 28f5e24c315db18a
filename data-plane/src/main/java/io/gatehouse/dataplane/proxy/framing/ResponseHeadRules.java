package io.gatehouse.dataplane.proxy.framing;

import java.util.List;

/** The strict reading of an upstream's response head (RFC 9112 4 and 6.3). */
final class ResponseHeadRules {

    private ResponseHeadRules() {
    }

    /** Checks {@code HTTP/1.x SP 3DIGIT [SP reason]}; returns the status. */
    static int checkStatusLine(String line) {
        if (line.length() < 12 || !(line.startsWith("HTTP/1.1 ") || line.startsWith("HTTP/1.0 "))) {
            throw violation("the status line does not start with HTTP/1.1 or HTTP/1.0 and a status code");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw violation("the status code is not three digits");
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100 || status > 599) {
            throw violation("the status code is outside 100-599");
        }
        if (line.length() > 12) {
            if (line.charAt(12) != ' ') {
                throw violation("the status code is not followed by a space");
            }
            for (int i = 13; i < line.length(); i++) {
                if (!HttpChars.isFieldValueChar(line.charAt(i))) {
                    throw violation("the reason phrase contains a control character");
                }
            }
        }
        return status;
    }

    /**
     * The framing of a response to {@code method} with {@code status}; null means "until the connection closes".
     * Responses to HEAD and 1xx/204/304 have no body whatever they declare.
     */
    static BodyFraming framing(String method, int status, boolean http10, List<FieldLineRules.Header> headers) {
        int transferEncodings = 0;
        int contentLengths = 0;
        String transferEncoding = null;
        String contentLength = null;
        for (FieldLineRules.Header header : headers) {
            if (header.lowerName().equals("transfer-encoding")) {
                transferEncodings++;
                transferEncoding = header.value();
            } else if (header.lowerName().equals("content-length")) {
                contentLengths++;
                contentLength = header.value();
            }
        }
        if (transferEncodings > 0 && contentLengths > 0) {
            throw violation("both Content-Length and Transfer-Encoding are present");
        }
        if (transferEncodings > 1 || contentLengths > 1) {
            throw violation("more than one Transfer-Encoding or Content-Length header");
        }
        if (transferEncodings == 1 && (http10 || !transferEncoding.equalsIgnoreCase("chunked"))) {
            throw violation("Transfer-Encoding is not exactly chunked in an HTTP/1.1 response");
        }
        long length = -1;
        if (contentLengths == 1) {
            try {
                length = FieldLineRules.contentLength(contentLength);
            } catch (FramingViolation e) {
                throw violation(e.reason());
            }
        }
        if ("HEAD".equals(method) || status < 200 || status == 204 || status == 304) {
            return BodyFraming.NONE;
        }
        if (transferEncodings == 1) {
            return BodyFraming.CHUNKED;
        }
        return length >= 0 ? BodyFraming.length(length) : null;
    }

    static MalformedUpstreamResponseException violation(String reason) {
        return new MalformedUpstreamResponseException(reason);
    }
}
