package io.gatehouse.dataplane.audit;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.gatehouse.proto.audit.v1.AuditEvent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The bytes of one spool record, {@code [int length][int CRC32C of payload][payload]} with payload
 * {@code [byte kind][long sequence][AuditEvent protobuf]}, built in one array: the event is serialized once, off
 * the spool's lock, and the same array is written to the segment and kept for shipping. The sequence number and
 * checksum are filled in by {@link #seal} once the sequence is known.
 */
final class SpoolRecord {

    static final int HEADER_BYTES = 8;
    /** Kind and sequence, ahead of the event in the payload. */
    static final int PAYLOAD_PREFIX_BYTES = 9;
    static final int EVENT_OFFSET = HEADER_BYTES + PAYLOAD_PREFIX_BYTES;

    private SpoolRecord() {
    }

    /** A record of {@code kind} holding {@code event}, not sealed yet. */
    static byte[] encode(byte kind, AuditEvent event, int maxPayloadBytes) throws IOException {
        int eventBytes = event.getSerializedSize();
        int length = PAYLOAD_PREFIX_BYTES + eventBytes;
        if (length > maxPayloadBytes) {
            throw new IOException("an audit event of " + eventBytes + " bytes is larger than a spool record may be");
        }
        byte[] record = new byte[HEADER_BYTES + length];
        ByteBuffer.wrap(record).putInt(length).putInt(0).put(kind);
        CodedOutputStream out = CodedOutputStream.newInstance(record, EVENT_OFFSET, eventBytes);
        event.writeTo(out);
        out.checkNoSpaceLeft();
        return record;
    }

    /** Writes the sequence number and the payload's checksum into the record. */
    static void seal(byte[] record, long sequence, CRC32C crc) {
        ByteBuffer buffer = ByteBuffer.wrap(record);
        buffer.putLong(HEADER_BYTES + 1, sequence);
        crc.reset();
        crc.update(record, HEADER_BYTES, record.length - HEADER_BYTES);
        buffer.putInt(4, (int) crc.getValue());
    }

    /** The event held in a record built by {@link #encode}. */
    static AuditEvent event(byte[] record) {
        return parse(record, EVENT_OFFSET);
    }

    /** The event in an array that holds it from {@code offset} to its end. */
    static AuditEvent parse(byte[] bytes, int offset) {
        try {
            return AuditEvent.parser().parseFrom(bytes, offset, bytes.length - offset);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an audit event serialized by this process does not parse", e);
        }
    }
}
