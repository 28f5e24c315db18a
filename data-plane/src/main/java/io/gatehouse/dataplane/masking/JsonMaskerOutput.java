package io.gatehouse.dataplane.masking;

import java.util.Arrays;

/**
 * The output of {@link JsonBodyMasker}. Most of it is tokens copied through from the chunk being
 * fed, one after the other: rather than copy each on its own, a pending range of the chunk grows
 * while what is written is exactly the chunk's next bytes (a token that starts where the range
 * ends, or a ',' or ':' that is the chunk's next byte), and is copied in one go when anything else
 * must be written or the chunk ends. The bytes written are the same either way.
 */
final class JsonMaskerOutput {

    private static final byte[] NO_CHUNK = new byte[0];

    private final GrowableBytes written = new GrowableBytes(8192);
    /** The chunk being fed; only valid until {@link #endChunk()}, so the pending range is copied by then. */
    private byte[] chunk = NO_CHUNK;
    /** The pending range {@code chunk[rangeStart, rangeEnd)}, output after {@link #written}. */
    private int rangeStart;
    private int rangeEnd;

    void startChunk(byte[] chunk) {
        this.chunk = chunk;
        rangeStart = 0;
        rangeEnd = 0;
    }

    void endChunk() {
        flush();
        chunk = NO_CHUNK;
        rangeStart = 0;
        rangeEnd = 0;
    }

    /** Appends {@code bytes[start, end)}. */
    void copy(byte[] bytes, int start, int end) {
        if (bytes == chunk) {
            if (start != rangeEnd) {
                flush();
                rangeStart = start;
            }
            rangeEnd = end;
        } else {
            flush();
            written.write(bytes, start, end - start);
        }
    }

    /** Appends one ASCII byte. */
    void write(int b) {
        if (rangeEnd < chunk.length && chunk[rangeEnd] == b) {
            rangeEnd++;
        } else {
            flush();
            written.write(b);
        }
    }

    /** Appends {@code text} as a JSON string. */
    void writeQuoted(String text) {
        flush();
        JsonStrings.writeQuoted(text, written);
    }

    int length() {
        return written.length() + rangeEnd - rangeStart;
    }

    /** Forgets everything from {@code newLength} on. */
    void truncate(int newLength) {
        int flushed = written.length();
        if (newLength >= flushed) {
            rangeEnd = rangeStart + newLength - flushed;
        } else {
            rangeStart = rangeEnd;
            written.truncate(newLength);
        }
    }

    /** Removes the first {@code count} bytes and returns them. */
    byte[] takeFirst(int count) {
        if (written.length() == 0 && count > 0 && count == rangeEnd - rangeStart) {
            // all of it is one range of the chunk: one copy, straight from the chunk
            byte[] taken = Arrays.copyOfRange(chunk, rangeStart, rangeEnd);
            rangeStart = rangeEnd;
            return taken;
        }
        flush();
        return written.takeFirst(count);
    }

    private void flush() {
        if (rangeEnd > rangeStart) {
            written.write(chunk, rangeStart, rangeEnd - rangeStart);
        }
        rangeStart = rangeEnd;
    }
}
