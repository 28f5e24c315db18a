package io.gatehouse.controlplane.domain;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(previous);
            digest.update(canonical(source, seq, record));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The instant as stored: PostgreSQL keeps microseconds. */
    public static Instant storedPrecision(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    private static byte[] canonical(String source, long seq, AuditRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            text(out, source);
            out.writeLong(seq);
            text(out, record.eventId().toString());
            text(out, record.requestId());
            Instant time = storedPrecision(record.time());
            out.writeLong(time.getEpochSecond());
            out.writeInt(time.getNano());
            text(out, record.dataPlaneId());
            text(out, record.identity());
            text(out, record.resource());
            text(out, record.method());
            text(out, record.path());
            text(out, record.decision().name());
            text(out, record.reason());
            text(out, record.approvalId());
            out.writeInt(record.status());
            out.writeLong(record.durationMs());
            out.writeInt(record.maskedFields().size());
            for (String field : record.maskedFields()) {
                text(out, field);
            }
            text(out, record.kind());
            text(out, record.actor());
            out.writeInt(record.maskedValues().size());
            for (java.util.Map.Entry<String, Integer> count : record.maskedValues().entrySet()) {
                text(out, count.getKey());
                out.writeInt(count.getValue());
            }
            if (record.recording() != null) {
                // only when present, so that the hashes of events stored before recording existed do not change
                recording(out, record.recording());
            }
            if (record.route() != null) {
                // tagged with a length no text field can have, so it never reads as the start of a recording
                out.writeInt(ROUTE_TAG);
                text(out, record.route());
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void recording(DataOutputStream out, CallRecording recording) throws IOException {
        text(out, recording.level());
        text(out, recording.query());
        headers(out, recording.requestHeaders());
        headers(out, recording.responseHeaders());
        body(out, recording.requestBody());
        body(out, recording.responseBody());
        out.writeBoolean(recording.bestEffort());
    }

    private static void headers(DataOutputStream out, java.util.Map<String, String> headers) throws IOException {
        out.writeInt(headers.size());
        for (java.util.Map.Entry<String, String> header : headers.entrySet()) {
            text(out, header.getKey());
            text(out, header.getValue());
        }
    }

    private static void body(DataOutputStream out, CallRecording.RecordedBody body) throws IOException {
        out.writeBoolean(body != null);
        if (body != null) {
            out.writeLong(body.size());
            text(out, body.contentType());
            text(out, body.content());
            out.writeBoolean(body.truncated());
            out.writeBoolean(body.binary());
        }
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
