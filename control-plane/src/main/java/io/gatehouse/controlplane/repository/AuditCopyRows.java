package io.gatehouse.controlplane.repository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * Rows of a {@code COPY ... FROM STDIN (FORMAT binary)}: each value as PostgreSQL's binary form of its column type, so
 * the server parses no text (with CSV, reading the lines and the values' text took about a tenth of its CPU per
 * event). Each row must give exactly the columns of the COPY, in order, with these types; a type that does not match
 * the column's makes the server refuse the whole COPY.
 */
final class AuditCopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in Unix microseconds. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int NULL = -1;
    private static final byte JSONB_VERSION = 1;

    private byte[] bytes = new byte[64 * 1024];
    private int length;

    AuditCopyRows() {
        write(SIGNATURE, 0, SIGNATURE.length);
        int32(0); // flags: no OIDs
        int32(0); // no header extension
    }

    AuditCopyRows row(int columns) {
        int16(columns);
        return this;
    }

    AuditCopyRows text(String value) {
        if (value == null) {
            int32(NULL);
        } else {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            int32(utf8.length);
            write(utf8, 0, utf8.length);
        }
        return this;
    }

    /** A jsonb value: its binary form is a version byte and the JSON text. */
    AuditCopyRows jsonb(String json) {
        if (json == null) {
            int32(NULL);
        } else {
            byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
            int32(utf8.length + 1);
            ensure(1);
            bytes[length++] = JSONB_VERSION;
            write(utf8, 0, utf8.length);
        }
        return this;
    }

    AuditCopyRows uuid(UUID value) {
        int32(16);
        int64(value.getMostSignificantBits());
        int64(value.getLeastSignificantBits());
        return this;
    }

    AuditCopyRows int4(int value) {
        int32(4);
        int32(value);
        return this;
    }

    AuditCopyRows int8(long value) {
        int32(8);
        int64(value);
        return this;
    }

    /** A timestamptz: microseconds since PostgreSQL's epoch (anything finer than a microsecond is dropped). */
    AuditCopyRows timestamptz(Instant value) {
        int32(8);
        int64(Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1_000)
                - POSTGRES_EPOCH_MICROS);
        return this;
    }

    AuditCopyRows bytea(byte[] value) {
        int32(value.length);
        write(value, 0, value.length);
        return this;
    }

    /** The whole COPY stream, ended by its trailer. */
    byte[] finish() {
        int16(-1);
        return Arrays.copyOf(bytes, length);
    }

    private void int16(int value) {
        ensure(2);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    private void int32(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
    }

    private void int64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
    }

    private void write(byte[] source, int from, int count) {
        ensure(count);
        System.arraycopy(source, from, bytes, length, count);
        length += count;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
