package io.gatehouse.dataplane.proxy.framing;

/** Character classes of RFC 9110/9112, on bytes read as ISO-8859-1. */
final class HttpChars {

    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HttpChars() {
    }

    /** tchar: the characters of methods, header names and transfer codings. */
    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** field-vchar, SP or HTAB: what a header value (and a chunk extension) may contain. */
    static boolean isFieldValueChar(char c) {
        return c == ' ' || c == '\t' || (c >= 0x21 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
    }

    /** A visible US-ASCII character: what a request target may contain. */
    static boolean isVisibleAscii(char c) {
        return c >= 0x21 && c <= 0x7E;
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
