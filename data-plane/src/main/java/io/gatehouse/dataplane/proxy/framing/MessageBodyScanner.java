package io.gatehouse.dataplane.proxy.framing;

import io.netty.buffer.ByteBuf;

/**
 * Follows one message body as its head framed it, for both framing guards: a fixed number of bytes, or
 * chunks (size line, data, CRLF) ending with a zero-size chunk and the trailer section. Bytes are only
 * counted and checked, never consumed. A body that does not keep to its framing throws
 * {@link FramingViolation}.
 */
final class MessageBodyScanner {

    static final int MAX_CHUNK_LINE = 1024;

    private enum State { NONE, FIXED, CHUNK_LINE, CHUNK_DATA, CHUNK_DATA_CR, CHUNK_DATA_LF, TRAILERS }

    private final LineBuffer line = new LineBuffer();
    private final int maxTrailerSection;
    private final FramingViolation chunkLineTooLong;
    private final FramingViolation trailersTooLarge;
    private State state = State.NONE;
    private long remaining;
    private int trailerBytes;

    MessageBodyScanner(int maxTrailerSection, FramingViolation chunkLineTooLong, FramingViolation trailersTooLarge) {
        this.maxTrailerSection = maxTrailerSection;
        this.chunkLineTooLong = chunkLineTooLong;
        this.trailersTooLarge = trailersTooLarge;
    }

    /** Starts following the body the head announced; a body of kind NONE is over at once. */
    void start(BodyFraming framing) {
        switch (framing.kind()) {
            case NONE -> state = State.NONE;
            case LENGTH -> {
                state = State.FIXED;
                remaining = framing.length();
            }
            case CHUNKED -> startChunkLine();
        }
    }

    /** Whether a body is being followed (it has not reached its end yet). */
    boolean inBody() {
        return state != State.NONE;
    }

    /** Follows the body over {@code in[from, end)}; answers where it stopped: {@code end}, or just after the body's last byte. */
    int scan(ByteBuf in, int from, int end) {
        int i = from;
        while (i < end && state != State.NONE) {
            switch (state) {
                case FIXED, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - i);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = state == State.FIXED ? State.NONE : State.CHUNK_DATA_CR;
                    }
                }
                case CHUNK_DATA_CR, CHUNK_DATA_LF -> {
                    byte expected = state == State.CHUNK_DATA_CR ? (byte) '\r' : (byte) '\n';
                    if (in.getByte(i++) != expected) {
                        throw FramingViolation.badRequest("chunk data is longer than its chunk size or not followed by CRLF");
                    }
                    if (state == State.CHUNK_DATA_CR) {
                        state = State.CHUNK_DATA_LF;
                    } else {
                        startChunkLine();
                    }
                }
                case CHUNK_LINE -> {
                    if (line.append(in.getByte(i++))) {
                        onChunkLine();
                    }
                }
                case TRAILERS -> {
                    if (line.append(in.getByte(i++))) {
                        onTrailerLine();
                    }
                }
                case NONE -> {
                }
            }
        }
        return i;
    }

    private void onChunkLine() {
        long size = ChunkLineRules.chunkSize(line.text());
        if (size == 0) {
            state = State.TRAILERS;
            trailerBytes = 0;
            line.start(maxTrailerSection, trailersTooLarge);
        } else {
            state = State.CHUNK_DATA;
            remaining = size;
        }
    }

    private void onTrailerLine() {
        String text = line.text();
        trailerBytes += text.length() + 2;
        if (text.isEmpty()) {
            state = State.NONE;
        } else {
            FieldLineRules.checkHeaderLine(text);
            line.start(maxTrailerSection - trailerBytes, trailersTooLarge);
        }
    }

    private void startChunkLine() {
        state = State.CHUNK_LINE;
        line.start(MAX_CHUNK_LINE, chunkLineTooLong);
    }
}
