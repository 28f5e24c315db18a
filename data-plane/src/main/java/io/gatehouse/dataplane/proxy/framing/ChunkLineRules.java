package io.gatehouse.dataplane.proxy.framing;

/** Reads the size line of one chunk (RFC 9112 7.1): {@code 1*HEXDIG [ chunk-ext ]}, nothing else. */
final class ChunkLineRules {

    private ChunkLineRules() {
    }

    /** The chunk size; refuses signs, spaces before the digits, non-hex digits, overflow and malformed extensions. */
    static long chunkSize(String line) {
        long size = 0;
        int i = 0;
        while (i < line.length() && HttpChars.hexValue(line.charAt(i)) >= 0) {
            if (size > Integer.MAX_VALUE) {
                throw FramingViolation.badRequest("a chunk size is larger than 2 GiB");
            }
            size = (size << 4) | HttpChars.hexValue(line.charAt(i));
            i++;
        }
        if (i == 0) {
            throw FramingViolation.badRequest("a chunk size is not a hexadecimal number");
        }
        if (size > Integer.MAX_VALUE) {
            // Netty reads chunk sizes as int; agreeing with it beats a silent close on its side
            throw FramingViolation.badRequest("a chunk size is larger than 2 GiB");
        }
        checkExtensions(line, i);
        return size;
    }

    /** Extensions are ignored, but only after they proved to be extensions: {@code BWS ";" ...} without control characters. */
    private static void checkExtensions(String line, int from) {
        int i = from;
        while (i < line.length() && HttpChars.isWhitespace(line.charAt(i))) {
            i++;
        }
        if (i == line.length()) {
            if (i != from) {
                throw FramingViolation.badRequest("whitespace after a chunk size without an extension");
            }
            return;
        }
        if (line.charAt(i) != ';') {
            throw FramingViolation.badRequest("a chunk size is followed by something other than an extension");
        }
        for (int j = i; j < line.length(); j++) {
            if (!HttpChars.isFieldValueChar(line.charAt(j))) {
                throw FramingViolation.badRequest("a chunk extension contains a control character");
            }
        }
    }
}
