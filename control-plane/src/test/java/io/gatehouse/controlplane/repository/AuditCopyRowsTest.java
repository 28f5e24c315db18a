package io.gatehouse.controlplane.repository;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The binary COPY stream as PostgreSQL's documentation lays it out: header, rows of length-prefixed values, trailer. */
class AuditCopyRowsTest {

    @Test
    void aRowOfEveryKindOfValueIsLaidOutAsPostgresReadsIt() {
        UUID id = UUID.fromString("0190f5a2-7b3c-7d4e-8f00-112233445566");
        byte[] stream = new AuditCopyRows().row(7)
                .uuid(id)
                .text("Zoë")
                .text(null)
                .timestamptz(Instant.parse("2000-01-01T00:00:01.000002999Z"))
                .int4(503)
                .jsonb("{}")
                .bytea(new byte[] {1, 2})
                .finish();
        ByteBuffer in = ByteBuffer.wrap(stream);

        byte[] signature = new byte[11];
        in.get(signature);
        assertArrayEquals(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0}, signature);
        assertEquals(0, in.getInt(), "flags");
        assertEquals(0, in.getInt(), "header extension length");
        assertEquals(7, in.getShort(), "columns in the row");
        assertEquals(16, in.getInt());
        assertEquals(id, new UUID(in.getLong(), in.getLong()));
        byte[] utf8 = "Zoë".getBytes(StandardCharsets.UTF_8);
        assertEquals(utf8.length, in.getInt(), "text length in UTF-8 bytes, not characters");
        byte[] text = new byte[utf8.length];
        in.get(text);
        assertArrayEquals(utf8, text);
        assertEquals(-1, in.getInt(), "NULL");
        assertEquals(8, in.getInt());
        assertEquals(1_000_002L, in.getLong(), "microseconds since 2000-01-01, finer digits dropped");
        assertEquals(4, in.getInt());
        assertEquals(503, in.getInt());
        assertEquals(3, in.getInt(), "jsonb: version byte and text");
        assertEquals(1, in.get());
        assertEquals('{', in.get());
        assertEquals('}', in.get());
        assertEquals(2, in.getInt());
        assertArrayEquals(new byte[] {1, 2}, new byte[] {in.get(), in.get()});
        assertEquals(-1, in.getShort(), "trailer");
        assertEquals(0, in.remaining());
    }

    @Test
    void instantsBeforePostgresEpochAreNegative() {
        byte[] stream = new AuditCopyRows().row(1).timestamptz(Instant.parse("1999-12-31T23:59:59Z")).finish();
        ByteBuffer value = ByteBuffer.wrap(Arrays.copyOfRange(stream, 19 + 2 + 4, 19 + 2 + 4 + 8));
        assertEquals(-1_000_000L, value.getLong());
    }
}
