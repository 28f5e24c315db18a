package io.gatehouse.dataplane.audit;

import io.gatehouse.proto.audit.v1.AuditEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SpoolRecordTest {

    private static final AuditEvent EVENT = AuditEvent.newBuilder().setEventId("e1").setRequestId("r1")
            .setIdentity("deploy-bot").setPath("/demo/customers/42").setStatus(200).build();

    @Test
    void aSealedRecordIsLengthChecksumKindSequenceAndTheEvent() throws IOException {
        byte[] record = SpoolRecord.encode(AuditSpool.OUTCOME, EVENT, AuditSpool.MAX_PAYLOAD_BYTES);
        SpoolRecord.seal(record, 42, new CRC32C());

        ByteBuffer buffer = ByteBuffer.wrap(record);
        int length = buffer.getInt();
        int checksum = buffer.getInt();
        assertEquals(record.length - 8, length);
        CRC32C expected = new CRC32C();
        expected.update(record, 8, length);
        assertEquals((int) expected.getValue(), checksum);
        assertEquals(AuditSpool.OUTCOME, buffer.get());
        assertEquals(42, buffer.getLong());
        assertEquals(EVENT, SpoolRecord.event(record));
    }

    @Test
    void resealingWithAnotherSequenceChangesTheChecksum() throws IOException {
        byte[] record = SpoolRecord.encode(AuditSpool.OUTCOME, EVENT, AuditSpool.MAX_PAYLOAD_BYTES);
        SpoolRecord.seal(record, 1, new CRC32C());
        int first = ByteBuffer.wrap(record).getInt(4);
        SpoolRecord.seal(record, 2, new CRC32C());
        assertEquals(2, ByteBuffer.wrap(record).getLong(9));
        assertEquals(false, first == ByteBuffer.wrap(record).getInt(4));
    }

    @Test
    void anEventLargerThanARecordMayBeIsRefused() {
        assertThrows(IOException.class, () -> SpoolRecord.encode(AuditSpool.START, EVENT, 10));
    }
}
