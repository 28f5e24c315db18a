package io.gatehouse.controlplane.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The hash that links one audit event to the one before it in its source's chain:
 * SHA-256(previous hash || canonical bytes), where the canonical bytes are every stored field in a fixed
 * order, each length-prefixed (absent fields marked), times at microsecond precision (what PostgreSQL keeps).
 */
public final class AuditChainHash {

    /** The previous hash of the first event of a chain. */
    public static final byte[] GENESIS = new byte[32];
    /** Marks the route in the canonical bytes; only written when present, so older events' hashes do not change. */
    private static final int ROUTE_TAG = -2;

    private AuditChainHash() {
    }

    public static byte[] of(byte[] previous, String source, long seq, AuditRecord record) {
        CanonicalDigest digest = new CanonicalDigest();
        digest.bytes(previous);
        canonical(digest, source, seq, record);
        return digest.finish();
    }

    /** The instant as stored: PostgreSQL keeps microseconds. */
    public static Instant storedPrecision(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    private static void canonical(CanonicalDigest out, String source, long seq, AuditRecord record) {
        out.text(source);
        out.int64(seq);
        out.text(record.eventId().toString());
        out.text(record.requestId());
        Instant time = storedPrecision(record.time());
        out.int64(time.getEpochSecond());
        out.int32(time.getNano());
        out.text(record.dataPlaneId());
        out.text(record.identity());
        out.text(record.resource());
        out.text(record.method());
        out.text(record.path());
        out.text(record.decision().name());
        out.text(record.reason());
        out.text(record.approvalId());
        out.int32(record.status());
        out.int64(record.durationMs());
        out.int32(record.maskedFields().size());
        for (String field : record.maskedFields()) {
            out.text(field);
        }
        out.text(record.kind());
        out.text(record.actor());
        out.int32(record.maskedValues().size());
        for (Map.Entry<String, Integer> count : record.maskedValues().entrySet()) {
            out.text(count.getKey());
            out.int32(count.getValue());
        }
        if (record.recording() != null) {
            // only when present, so that the hashes of events stored before recording existed do not change
            recording(out, record.recording());
        }
        if (record.route() != null) {
            // tagged with a length no text field can have, so it never reads as the start of a recording
            out.int32(ROUTE_TAG);
            out.text(record.route());
        }
    }

    private static void recording(CanonicalDigest out, CallRecording recording) {
        out.text(recording.level());
        out.text(recording.query());
        headers(out, recording.requestHeaders());
        headers(out, recording.responseHeaders());
        body(out, recording.requestBody());
        body(out, recording.responseBody());
        out.bool(recording.bestEffort());
    }

    private static void headers(CanonicalDigest out, Map<String, String> headers) {
        out.int32(headers.size());
        for (Map.Entry<String, String> header : headers.entrySet()) {
            out.text(header.getKey());
            out.text(header.getValue());
        }
    }

    private static void body(CanonicalDigest out, CallRecording.RecordedBody body) {
        out.bool(body != null);
        if (body != null) {
            out.int64(body.size());
            out.text(body.contentType());
            out.text(body.content());
            out.bool(body.truncated());
            out.bool(body.binary());
        }
    }

    /**
     * Feeds the canonical bytes straight into SHA-256: numbers big-endian, text as its UTF-8 length and bytes (-1 for
     * absent), booleans as one byte, the layout {@code DataOutputStream} gives them.
     */
    private static final class CanonicalDigest {

        private final MessageDigest sha256;
        private final byte[] number = new byte[8];

        CanonicalDigest() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }

        void bytes(byte[] value) {
            sha256.update(value);
        }

        void text(String value) {
            if (value == null) {
                int32(-1);
                return;
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            int32(utf8.length);
            sha256.update(utf8);
        }

        void int32(int value) {
            bigEndian(value, 4);
        }

        void int64(long value) {
            bigEndian(value, 8);
        }

        void bool(boolean value) {
            sha256.update((byte) (value ? 1 : 0));
        }

        private void bigEndian(long value, int size) {
            for (int i = 0; i < size; i++) {
                number[i] = (byte) (value >>> (8 * (size - 1 - i)));
            }
            sha256.update(number, 0, size);
        }

        byte[] finish() {
            return sha256.digest();
        }
    }
}
