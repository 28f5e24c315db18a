package io.gatehouse.dataplane.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BodyCaptureTest {

    @Test
    void keepsOnlyTheFirstBytesUpToTheCapAcrossChunksAndSaysItTruncated() {
        BodyCapture capture = BodyCapture.of("application/json; charset=utf-8", null, 10);
        capture.feed(bytes("{\"a\":"));
        capture.feed(bytes("\"0123456789\"}"));
        capture.feed(bytes("more"));

        RecordedBody body = capture.result();
        assertEquals("{\"a\":\"0123", new String(body.content(), StandardCharsets.UTF_8));
        assertEquals(22, body.size());
        assertTrue(body.truncated());
        assertFalse(body.binary());
        assertEquals("application/json; charset=utf-8", body.contentType());
    }

    @Test
    void aStreamingTapCopiesOnlyWhatIsWantedAndCountsTheRest() {
        BodyCapture capture = BodyCapture.of("text/plain", null, 6);
        byte[] first = bytes("abcd");
        capture.feed(first, first.length);
        assertEquals(2, capture.wanted());
        capture.feed(bytes("ef"), 1000); // the tap copied only the two wanted bytes of a 1000-byte chunk
        assertEquals(0, capture.wanted());
        capture.feed(new byte[0], 500);

        RecordedBody body = capture.result();
        assertArrayEquals(bytes("abcdef"), body.content());
        assertEquals(1504, body.size());
        assertTrue(body.truncated());
        assertEquals(0, BodyCapture.of("image/png", null, 6).wanted(), "nothing of a binary body is copied");
    }

    @Test
    void aBodyWithinTheCapIsKeptWholeAndNotTruncated() {
        BodyCapture capture = BodyCapture.of("text/plain", "identity", 10);
        capture.feed(bytes("0123456789"));

        RecordedBody body = capture.result();
        assertArrayEquals(bytes("0123456789"), body.content());
        assertFalse(body.truncated());
    }

    @Test
    void binaryCompressedAndUntypedBodiesRecordOnlyTheirSizeAndType() {
        for (BodyCapture capture : new BodyCapture[] {BodyCapture.of("image/png", null, 100),
                BodyCapture.of("application/json", "gzip", 100), BodyCapture.of(null, null, 100)}) {
            capture.feed(new byte[] {1, 2, 3});
            RecordedBody body = capture.result();
            assertEquals(0, body.content().length);
            assertEquals(3, body.size());
            assertTrue(body.binary());
        }
    }

    @Test
    void aTextBodyHoldingNulBytesIsRecordedAsBinary() {
        BodyCapture capture = BodyCapture.of("text/plain", null, 100);
        capture.feed(new byte[] {'a', 0, 'b'});

        assertTrue(capture.result().binary());
        assertEquals(0, capture.result().content().length);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
