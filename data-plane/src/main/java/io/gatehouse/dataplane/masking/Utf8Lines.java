package io.gatehouse.dataplane.masking;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a UTF-8 byte stream into lines ending in LF, CRLF or CR (as server-sent events do),
 * whatever the chunk boundaries; a CR at the end of a chunk waits to see whether LF follows.
 */
final class Utf8Lines {

    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private boolean lastWasCr;

    List<String> feed(byte[] chunk) {
        List<String> lines = new ArrayList<>();
        for (byte b : chunk) {
            if (lastWasCr) {
                lastWasCr = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n' || b == '\r') {
                lines.add(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
                lastWasCr = b == '\r';
            } else {
                partial.write(b);
            }
        }
        return lines;
    }

    List<String> finish() {
        if (partial.size() == 0) {
            return List.of();
        }
        String last = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        return List.of(last);
    }

    int pendingLength() {
        return partial.size();
    }
}
