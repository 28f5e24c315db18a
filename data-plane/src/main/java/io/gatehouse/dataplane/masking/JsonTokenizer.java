package io.gatehouse.dataplane.masking;

import io.gatehouse.dataplane.masking.JsonTokenListener.JsonScalar;

import java.nio.charset.StandardCharsets;

/**
 * A streaming JSON tokenizer over UTF-8 bytes, fed chunk by chunk, that validates as strictly as
 * RFC 8259: grammar, well-formed UTF-8 in strings (no overlong forms, no encoded surrogates),
 * escapes (surrogate escapes only in pairs), numbers, literals, nesting depth and token lengths.
 * Each complete token goes to a {@link JsonTokenListener} as its raw bytes, straight from the chunk
 * or, for a token cut by a chunk boundary, from a buffer that holds it until it is whole.
 * A body may hold several top-level values (separated by white space where they would run
 * together) and may start with a byte order mark. Error messages never quote the body.
 */
final class JsonTokenizer {

    // where the tokenizer is between tokens
    private static final int ROOT = 0;
    private static final int VALUE = 1;
    private static final int ARRAY_FIRST = 2;
    private static final int OBJECT_FIRST = 3;
    private static final int NAME = 4;
    private static final int COLON = 5;
    private static final int AFTER_VALUE = 6;
    private static final int BYTE_ORDER_MARK = 7;
    // inside a token (from STRING on)
    private static final int STRING = 8;
    private static final int NUMBER = 9;
    private static final int LITERAL = 10;

    // number states: what was read last
    private static final int N_MINUS = 0;
    private static final int N_ZERO = 1;
    private static final int N_INTEGER = 2;
    private static final int N_POINT = 3;
    private static final int N_FRACTION = 4;
    private static final int N_E = 5;
    private static final int N_EXPONENT_SIGN = 6;
    private static final int N_EXPONENT = 7;

    // string escape states
    private static final int NO_ESCAPE = 0;
    private static final int BACKSLASH = 1;
    private static final int HEX_DIGITS = 2;

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Bytes that stand for themselves inside a string: printable ASCII except '"' and '\'. */
    private static final boolean[] PLAIN_IN_STRING = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN_IN_STRING[c] = c != '"' && c != '\\';
        }
    }

    private final JsonTokenListener listener;
    private final int maxDepth;
    private final int maxStringLength;
    private final int maxNumberLength;
    private final boolean[] isArray;
    private int depth;
    private int state = ROOT;
    private boolean started;

    // the token being read: where it starts in the current chunk, and its earlier bytes if a chunk boundary cut it
    private int tokenStart;
    private final GrowableBytes heldToken = new GrowableBytes(256);
    private boolean stringIsName;
    private boolean stringIsPlain;
    private int escapeState;
    private int hexDigitsRead;
    private int codeUnit;
    private boolean expectLowSurrogate;
    private int utf8Remaining;
    private int utf8Lowest;
    private int utf8Highest;
    private int numberState;
    private byte[] literal;
    private int literalMatched;
    private int byteOrderMarkMatched;

    JsonTokenizer(JsonTokenListener listener, MaskingLimits limits) {
        this.listener = listener;
        this.maxDepth = limits.maxDepth();
        this.maxStringLength = limits.maxValueLength();
        this.maxNumberLength = Math.min(limits.maxValueLength(), 10_000);
        this.isArray = new boolean[maxDepth + 1];
    }

    void feed(byte[] chunk, int from, int to) throws MaskingException {
        int i = from;
        if (state >= STRING) {
            tokenStart = from;
        }
        while (i < to) {
            i = switch (state) {
                case STRING -> scanString(chunk, i, to);
                case NUMBER -> scanNumber(chunk, i, to);
                case LITERAL -> scanLiteral(chunk, i, to);
                case BYTE_ORDER_MARK -> scanByteOrderMark(chunk, i);
                default -> between(chunk, i);
            };
        }
        if (state >= STRING) {
            holdTokenPart(chunk, to);
        }
    }

    /** The end of the body: completes a number or literal that only its end delimits, and fails if anything is open. */
    void end() throws MaskingException {
        if (state == NUMBER) {
            endNumber(null, 0);
        } else if (state == LITERAL) {
            endLiteral(null, 0);
        }
        if (state != ROOT) {
            throw new MaskingException("the JSON body ended before its value was complete");
        }
    }

    private static MaskingException invalid(String why) {
        return new MaskingException("the body is not valid JSON: " + why);
    }

    private int between(byte[] chunk, int i) throws MaskingException {
        int c = chunk[i] & 0xFF;
        if (!started) {
            started = true;
            if (c == (BOM[0] & 0xFF)) {
                state = BYTE_ORDER_MARK;
                byteOrderMarkMatched = 1;
                return i + 1;
            }
        }
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            return i + 1;
        }
        switch (state) {
            case ROOT, VALUE -> {
                return startValue(chunk, i, c);
            }
            case ARRAY_FIRST -> {
                if (c == ']') {
                    return close(i, true);
                }
                return startValue(chunk, i, c);
            }
            case OBJECT_FIRST, NAME -> {
                if (c == '}' && state == OBJECT_FIRST) {
                    return close(i, false);
                }
                if (c != '"') {
                    throw invalid("a member name was expected");
                }
                return startString(i, true);
            }
            case COLON -> {
                if (c != ':') {
                    throw invalid("':' was expected after a member name");
                }
                state = VALUE;
                return i + 1;
            }
            default -> {
                // AFTER_VALUE, inside an array or object
                if (c == ',') {
                    state = isArray[depth] ? VALUE : NAME;
                    return i + 1;
                }
                if (c == ']' || c == '}') {
                    return close(i, c == ']');
                }
                throw invalid("',' or the end of the " + (isArray[depth] ? "array" : "object") + " was expected");
            }
        }
    }

    private int scanByteOrderMark(byte[] chunk, int i) throws MaskingException {
        if (chunk[i] != BOM[byteOrderMarkMatched]) {
            throw invalid("it starts with an incomplete byte order mark");
        }
        if (++byteOrderMarkMatched == BOM.length) {
            state = ROOT;
        }
        return i + 1;
    }

    private int startValue(byte[] chunk, int i, int c) throws MaskingException {
        switch (c) {
            case '{', '[' -> {
                if (depth == maxDepth) {
                    throw new MaskingException("the JSON body nests deeper than " + maxDepth + " levels (a masking limit)");
                }
                boolean array = c == '[';
                depth++;
                isArray[depth] = array;
                state = array ? ARRAY_FIRST : OBJECT_FIRST;
                listener.startContainer(array);
                return i + 1;
            }
            case '"' -> {
                return startString(i, false);
            }
            case 't', 'f', 'n' -> {
                literal = c == 't' ? TRUE : c == 'f' ? FALSE : NULL;
                literalMatched = 1;
                return startToken(LITERAL, i);
            }
            default -> {
                if (c == '-') {
                    numberState = N_MINUS;
                } else if (c == '0') {
                    numberState = N_ZERO;
                } else if (c >= '1' && c <= '9') {
                    numberState = N_INTEGER;
                } else {
                    throw invalid("a value was expected");
                }
                return startToken(NUMBER, i);
            }
        }
    }

    private int startToken(int tokenState, int i) {
        state = tokenState;
        tokenStart = i;
        heldToken.clear();
        return i + 1;
    }

    private int startString(int i, boolean name) {
        stringIsName = name;
        stringIsPlain = true;
        escapeState = NO_ESCAPE;
        expectLowSurrogate = false;
        utf8Remaining = 0;
        return startToken(STRING, i);
    }

    private int close(int i, boolean array) throws MaskingException {
        if (depth == 0 || isArray[depth] != array) {
            throw invalid("a closing bracket does not match");
        }
        depth--;
        listener.endContainer();
        afterValue();
        return i + 1;
    }

    private void afterValue() {
        state = depth == 0 ? ROOT : AFTER_VALUE;
    }

    private int scanString(byte[] chunk, int i, int to) throws MaskingException {
        while (i < to) {
            if (escapeState == NO_ESCAPE && utf8Remaining == 0 && !expectLowSurrogate) {
                while (i < to && PLAIN_IN_STRING[chunk[i] & 0xFF]) {
                    i++;
                }
                if (i == to) {
                    break;
                }
            }
            int c = chunk[i] & 0xFF;
            if (utf8Remaining > 0) {
                continuationByte(c);
            } else if (escapeState != NO_ESCAPE) {
                escapedByte(c);
            } else if (expectLowSurrogate && c != '\\') {
                throw invalid("a string holds half of an escaped surrogate pair");
            } else if (c == '"') {
                endString(chunk, i + 1);
                return i + 1;
            } else if (c == '\\') {
                escapeState = BACKSLASH;
                stringIsPlain = false;
            } else if (c < 0x20) {
                throw invalid("a string holds an unescaped control character");
            } else {
                leadByte(c);
            }
            i++;
        }
        return i;
    }

    private void leadByte(int c) throws MaskingException {
        stringIsPlain = false;
        utf8Lowest = 0x80;
        utf8Highest = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            utf8Remaining = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            utf8Remaining = 2;
            if (c == 0xE0) {
                utf8Lowest = 0xA0; // no overlong forms
            } else if (c == 0xED) {
                utf8Highest = 0x9F; // no encoded surrogates
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            utf8Remaining = 3;
            if (c == 0xF0) {
                utf8Lowest = 0x90;
            } else if (c == 0xF4) {
                utf8Highest = 0x8F; // nothing past U+10FFFF
            }
        } else {
            throw invalid("a string is not well-formed UTF-8");
        }
    }

    private void continuationByte(int c) throws MaskingException {
        if (c < utf8Lowest || c > utf8Highest) {
            throw invalid("a string is not well-formed UTF-8");
        }
        utf8Lowest = 0x80;
        utf8Highest = 0xBF;
        utf8Remaining--;
    }

    private void escapedByte(int c) throws MaskingException {
        if (escapeState == BACKSLASH) {
            if (c == 'u') {
                escapeState = HEX_DIGITS;
                hexDigitsRead = 0;
                codeUnit = 0;
                return;
            }
            if (expectLowSurrogate) {
                throw invalid("a string holds half of an escaped surrogate pair");
            }
            if (c != '"' && c != '\\' && c != '/' && c != 'b' && c != 'f' && c != 'n' && c != 'r' && c != 't') {
                throw invalid("a string holds an unknown escape");
            }
            escapeState = NO_ESCAPE;
            return;
        }
        int digit = JsonStrings.hexDigit(c);
        if (digit < 0) {
            throw invalid("a \\u escape needs four hexadecimal digits");
        }
        codeUnit = codeUnit * 16 + digit;
        if (++hexDigitsRead < 4) {
            return;
        }
        escapeState = NO_ESCAPE;
        boolean high = codeUnit >= 0xD800 && codeUnit <= 0xDBFF;
        boolean low = codeUnit >= 0xDC00 && codeUnit <= 0xDFFF;
        if (expectLowSurrogate != low) {
            throw invalid("a string holds half of an escaped surrogate pair");
        }
        expectLowSurrogate = high;
    }

    private void endString(byte[] chunk, int end) throws MaskingException {
        state = stringIsName ? COLON : depth == 0 ? ROOT : AFTER_VALUE;
        byte[] bytes = chunk;
        int start = tokenStart;
        if (heldToken.length() > 0) {
            heldToken.write(chunk, tokenStart, end - tokenStart);
            bytes = heldToken.array();
            start = 0;
            end = heldToken.length();
        }
        checkLength(end - start - 2, maxStringLength);
        if (stringIsName) {
            listener.name(bytes, start, end, stringIsPlain);
        } else {
            listener.scalar(JsonScalar.STRING, bytes, start, end, stringIsPlain);
        }
    }

    private int scanNumber(byte[] chunk, int i, int to) throws MaskingException {
        while (i < to) {
            int c = chunk[i];
            if (c >= '0' && c <= '9') {
                switch (numberState) {
                    case N_MINUS -> numberState = c == '0' ? N_ZERO : N_INTEGER;
                    case N_ZERO -> throw invalid("a number has a leading zero");
                    case N_POINT -> numberState = N_FRACTION;
                    case N_E, N_EXPONENT_SIGN -> numberState = N_EXPONENT;
                    default -> {
                        // N_INTEGER, N_FRACTION, N_EXPONENT: a run of digits
                    }
                }
                i++;
                while (i < to && chunk[i] >= '0' && chunk[i] <= '9' && numberState != N_ZERO) {
                    i++;
                }
                continue;
            }
            if (c == '.' && (numberState == N_ZERO || numberState == N_INTEGER)) {
                numberState = N_POINT;
            } else if ((c == 'e' || c == 'E') && (numberState == N_ZERO || numberState == N_INTEGER || numberState == N_FRACTION)) {
                numberState = N_E;
            } else if ((c == '+' || c == '-') && numberState == N_E) {
                numberState = N_EXPONENT_SIGN;
            } else {
                endNumber(chunk, i);
                return i;
            }
            i++;
        }
        return i;
    }

    /** The number ends before {@code chunk[end]} (chunk null: at the end of the body). */
    private void endNumber(byte[] chunk, int end) throws MaskingException {
        if (numberState != N_ZERO && numberState != N_INTEGER && numberState != N_FRACTION && numberState != N_EXPONENT) {
            throw invalid("a number is incomplete");
        }
        endOpenToken(chunk, end, JsonScalar.NUMBER, maxNumberLength);
    }

    private int scanLiteral(byte[] chunk, int i, int to) throws MaskingException {
        while (i < to) {
            if (literalMatched == literal.length) {
                endLiteral(chunk, i);
                return i;
            }
            if (chunk[i] != literal[literalMatched]) {
                throw invalid("an unknown word where a value was expected");
            }
            literalMatched++;
            i++;
        }
        return i;
    }

    private void endLiteral(byte[] chunk, int end) throws MaskingException {
        if (literalMatched != literal.length) {
            throw invalid("an unknown word where a value was expected");
        }
        endOpenToken(chunk, end, JsonScalar.LITERAL, literal.length);
    }

    /** A number or literal ends where white space, ',', ']', '}' or the end of the body follows it. */
    private void endOpenToken(byte[] chunk, int end, JsonScalar kind, int maxLength) throws MaskingException {
        if (chunk != null) {
            int c = chunk[end];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != ',' && c != ']' && c != '}') {
                throw invalid("a value runs into the next one");
            }
        }
        afterValue();
        byte[] bytes = chunk;
        int start = tokenStart;
        if (chunk == null || heldToken.length() > 0) {
            if (chunk != null) {
                heldToken.write(chunk, tokenStart, end - tokenStart);
            }
            bytes = heldToken.array();
            start = 0;
            end = heldToken.length();
        }
        checkLength(end - start, maxLength);
        listener.scalar(kind, bytes, start, end, true);
    }

    private void holdTokenPart(byte[] chunk, int to) throws MaskingException {
        heldToken.write(chunk, tokenStart, to - tokenStart);
        checkLength(heldToken.length(), state == NUMBER ? maxNumberLength : maxStringLength);
    }

    /** Lengths are counted in bytes as sent; the 2 spares a string's quotes. */
    private void checkLength(int length, int max) throws MaskingException {
        if (length > max + 2) {
            throw new MaskingException("the JSON body holds a value or name longer than " + max
                    + " bytes (a masking limit)");
        }
    }
}
