package io.gatehouse.dataplane.masking;

import java.util.Arrays;

/** A byte buffer that grows as written, can be cut back, and hands out its leading bytes. */
final class GrowableBytes {

    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes;
    private int length;

    GrowableBytes(int capacity) {
        this.bytes = new byte[capacity];
    }

    int length() {
        return length;
    }

    byte[] array() {
        return bytes;
    }

    void write(int b) {
        if (length == bytes.length) {
            grow(1);
        }
        bytes[length++] = (byte) b;
    }

    void write(byte[] source, int start, int count) {
        if (length + count > bytes.length) {
            grow(count);
        }
        System.arraycopy(source, start, bytes, length, count);
        length += count;
    }

    /** Writes the first {@code count} characters of {@code text}, which are ASCII. */
    void writeAscii(String text, int count) {
        if (length + count > bytes.length) {
            grow(count);
        }
        for (int i = 0; i < count; i++) {
            bytes[length + i] = (byte) text.charAt(i);
        }
        length += count;
    }

    /** Forgets everything written from {@code newLength} on. */
    void truncate(int newLength) {
        length = newLength;
    }

    void clear() {
        length = 0;
    }

    /** Removes the first {@code count} bytes and returns them; what follows moves to the front. */
    byte[] takeFirst(int count) {
        if (count == 0) {
            return EMPTY;
        }
        byte[] taken = Arrays.copyOf(bytes, count);
        System.arraycopy(bytes, count, bytes, 0, length - count);
        length -= count;
        return taken;
    }

    private void grow(int needed) {
        int capacity = Math.max(bytes.length * 2, length + needed);
        bytes = Arrays.copyOf(bytes, capacity);
    }
}
