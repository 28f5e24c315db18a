package io.gatehouse.controlplane.repository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Rows of a {@code COPY ... FROM STDIN (FORMAT csv)}: every present value quoted (quotes doubled), an absent one left
 * empty, which CSV reads as NULL; byte arrays as {@code \x} hex, instants in ISO 8601 UTC.
 */
final class AuditCopyRows {

    private static final HexFormat HEX = HexFormat.of();

    private final StringBuilder text = new StringBuilder(64 * 1024);
    private boolean firstInRow = true;

    AuditCopyRows text(String value) {
        separate();
        if (value != null) {
            text.append('"').append(value.indexOf('"') < 0 ? value : value.replace("\"", "\"\"")).append('"');
        }
        return this;
    }

    AuditCopyRows number(long value) {
        separate();
        text.append(value);
        return this;
    }

    AuditCopyRows instant(Instant value) {
        separate();
        text.append(value);
        return this;
    }

    AuditCopyRows bytes(byte[] value) {
        separate();
        text.append("\\x").append(HEX.formatHex(value));
        return this;
    }

    void endRow() {
        text.append('\n');
        firstInRow = true;
    }

    byte[] utf8() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void separate() {
        if (!firstInRow) {
            text.append(',');
        }
        firstInRow = false;
    }
}
