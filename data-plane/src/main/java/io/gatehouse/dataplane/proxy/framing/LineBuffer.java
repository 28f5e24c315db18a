package io.gatehouse.dataplane.proxy.framing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Collects one protocol line byte by byte. Only CRLF ends a line: a bare LF or a CR not followed
 * by LF is refused (parsers that accept them disagree about where a line ends, which is what
 * request smuggling feeds on).
 */
final class LineBuffer {

    private byte[] bytes = new byte[256];
    private int length;
    private boolean afterCr;
    private int limit;
    private FramingViolation tooLong;

    /** Starts a new line of at most {@code limit} bytes (terminator included); a longer one throws {@code tooLong}. */
    void start(int limit, FramingViolation tooLong) {
        this.length = 0;
        this.afterCr = false;
        this.limit = limit;
        this.tooLong = tooLong;
    }

    /** Adds one byte; true when it completed the line. */
    boolean append(byte b) {
        if (length + (afterCr ? 1 : 0) + 1 > limit) {
            throw tooLong;
        }
        if (afterCr) {
            if (b != '\n') {
                throw FramingViolation.badRequest("a CR that does not end a line (lines end with CRLF)");
            }
            afterCr = false;
            return true;
        }
        if (b == '\r') {
            afterCr = true;
            return false;
        }
        if (b == '\n') {
            throw FramingViolation.badRequest("a bare LF as line terminator (lines end with CRLF)");
        }
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(bytes.length * 2, Math.max(limit, 1)));
        }
        bytes[length++] = b;
        return false;
    }

    /** The completed line without its CRLF, one char per byte. */
    String text() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** Bytes of the line so far, terminator included. */
    int size() {
        return length + (afterCr ? 1 : 0);
    }
}
