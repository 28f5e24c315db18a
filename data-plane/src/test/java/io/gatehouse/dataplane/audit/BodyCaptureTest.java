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
