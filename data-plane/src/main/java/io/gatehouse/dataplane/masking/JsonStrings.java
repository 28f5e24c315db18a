package io.gatehouse.dataplane.masking;

import java.nio.charset.StandardCharsets;

/** JSON string escapes: decoding a validated string's raw bytes to text, and encoding text as a JSON string. */
final class JsonStrings {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private JsonStrings() {
    }

    /**
     * The text of the raw bytes between the quotes of a string {@link JsonTokenizer} has validated
     * (well-formed UTF-8, valid escapes, surrogate escapes in pairs).
     */
    static String decode(byte[] bytes, int start, int end) {
        int escape = indexOfBackslash(bytes, start, end);
        if (escape < 0) {
            return new String(bytes, start, end - start, StandardCharsets.UTF_8);
        }
        StringBuilder text = new StringBuilder(end - start);
        int at = start;
        while (escape >= 0) {
            // escapes are ASCII, so the run before one is whole UTF-8 sequences
            text.append(new String(bytes, at, escape - at, StandardCharsets.UTF_8));
            byte kind = bytes[escape + 1];
            if (kind == 'u') {
                text.append((char) hexValue(bytes, escape + 2));
                at = escape + 6;
            } else {
                text.append(unescaped(kind));
                at = escape + 2;
            }
            escape = indexOfBackslash(bytes, at, end);
        }
        text.append(new String(bytes, at, end - at, StandardCharsets.UTF_8));
        return text.toString();
    }

    /** Writes {@code text} as a JSON string, quotes included. */
    static void writeQuoted(String text, GrowableBytes out) {
        out.write('"');
        int length = text.length();
        int plain = 0;
        while (plain < length && needsNoEscape(text.charAt(plain))) {
            plain++;
        }
        out.writeAscii(text, plain);
        for (int i = plain; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                int runEnd = i + 1;
                while (runEnd < length && text.charAt(runEnd) >= 0x80) {
                    runEnd++;
                }
                // a surrogate without its pair (e.g. cut by a partial mask) becomes '?', as the encoder writes it
                byte[] encoded = text.subSequence(i, runEnd).toString().getBytes(StandardCharsets.UTF_8);
                out.write(encoded, 0, encoded.length);
                i = runEnd - 1;
            } else if (c == '"' || c == '\\') {
                out.write('\\');
                out.write(c);
            } else if (c < 0x20) {
                writeControl(c, out);
            } else {
                out.write(c);
            }
        }
        out.write('"');
    }

    /** Printable ASCII but '"' and '\\', which stands for itself in a JSON string. */
    private static boolean needsNoEscape(char c) {
        return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
    }

    private static void writeControl(char c, GrowableBytes out) {
        out.write('\\');
        switch (c) {
            case '\n' -> out.write('n');
            case '\r' -> out.write('r');
            case '\t' -> out.write('t');
            case '\b' -> out.write('b');
            case '\f' -> out.write('f');
            default -> {
                out.write('u');
                out.write('0');
                out.write('0');
                out.write(HEX[c >> 4]);
                out.write(HEX[c & 0xF]);
            }
        }
    }

    private static int indexOfBackslash(byte[] bytes, int start, int end) {
        for (int i = start; i < end; i++) {
            if (bytes[i] == '\\') {
                return i;
            }
        }
        return -1;
    }

    private static char unescaped(byte kind) {
        return switch (kind) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'f' -> '\f';
            default -> (char) kind; // '"', '\\' and '/' stand for themselves
        };
    }

    private static int hexValue(byte[] bytes, int start) {
        int value = 0;
        for (int i = start; i < start + 4; i++) {
            value = value * 16 + hexDigit(bytes[i]);
        }
        return value;
    }

    /** The value of a hexadecimal digit, or -1. */
    static int hexDigit(int c) {
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
