package io.gatehouse.dataplane.masking;

import io.gatehouse.proto.config.v1.Detector;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.gatehouse.dataplane.masking.ChunkSplitEquivalenceTest.PEM;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.detector;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.field;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.mask;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.policy;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Text bodies through the detectors with a bounded hold-back, and server-sent events. */
class TextAndEventMaskerTest {

    private static final MaskingLimits WINDOW_64 = new MaskingLimits(50, 1 << 20, 64, 4096, 1 << 26, 100);
    private static final MaskingPolicy DETECTORS = policy(detector(Detector.DETECTOR_PAYMENT_CARD),
            detector(Detector.DETECTOR_PRIVATE_KEY), detector(Detector.DETECTOR_JWT), field("ssn"));

    @Test
    void aMatchCutByEveryChunkBoundaryIsStillFound() throws Exception {
        byte[] body = utf8("x".repeat(100) + " 4111 1111 1111 1111 " + "y".repeat(100));
        for (int cut = 1; cut < body.length; cut++) {
            String out = mask(new TextBodyMasker(DETECTORS, WINDOW_64, StandardCharsets.UTF_8), body, cut);
            assertFalse(out.contains("1111"), "cut at " + cut + ": " + out);
        }
    }

    @Test
    void aPrivateKeyLongerThanTheWindowIsSwallowedWhole() throws Exception {
        String longKey = "-----BEGIN PRIVATE KEY-----\n" + "TUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lC\n".repeat(200)
                + "-----END PRIVATE KEY-----";
        TextBodyMasker masker = new TextBodyMasker(DETECTORS, WINDOW_64, StandardCharsets.UTF_8);
        String out = MaskingTestSupport.maskInChunksOf(() -> masker, utf8("before\n" + longKey + "\nafter"), 100);
        assertEquals("before\n[masked]\nafter", out);
    }

    @Test
    void anUnterminatedPrivateKeyIsMaskedToTheEnd() throws Exception {
        String out = MaskingTestSupport.maskInChunksOf(() -> new TextBodyMasker(DETECTORS, WINDOW_64, StandardCharsets.UTF_8),
                utf8("head " + PEM.substring(0, PEM.indexOf("-----END")) + "Zm9v\n".repeat(500)), 37);
        assertEquals("head [masked]", out);
    }

    @Test
    void heldTextStaysBoundedWhateverTheBody() throws Exception {
        TextBodyMasker masker = new TextBodyMasker(DETECTORS, WINDOW_64, StandardCharsets.UTF_8);
        byte[] chunk = utf8("A".repeat(1000));
        long sent = masker.feed(utf8("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.")).length;
        for (int i = 0; i < 2000; i++) { // a JWT whose signature runs on for 2 MB
            sent += masker.feed(chunk).length;
            assertTrue(masker.heldChars() <= 5 * 64 + chunk.length, "held " + masker.heldChars());
        }
        sent += masker.finish().length;
        assertTrue(sent < 100, "the endless token was swallowed, not sent: " + sent);
    }

    @Test
    void multiByteCharactersCutByChunksSurvive() throws Exception {
        byte[] body = utf8("Zoë 😀 ünïcödé ".repeat(20));
        for (int size = 1; size < 7; size++) {
            assertEquals(new String(body, StandardCharsets.UTF_8),
                    MaskingTestSupport.maskInChunksOf(() -> new TextBodyMasker(DETECTORS, WINDOW_64, StandardCharsets.UTF_8), body, size));
        }
    }

    @Test
    void eventDataThatIsJsonIsMaskedAsJson() throws Exception {
        String out = sse("event: e\nid: 1\ndata: {\"ssn\":\"1\",\ndata: \"n\":[4111111111111111]}\n\n");
        assertEquals("event: e\nid: 1\ndata: {\"ssn\":\"[masked]\",\"n\":[\"[masked]\"]}\n\n", out);
    }

    @Test
    void eventDataThatStartsLikeAnObjectButIsNotJsonFailsClosed() {
        assertThrows(MaskingException.class, () -> sse("data: {'ssn': '123-45-6789'}\n\n"));
    }

    @Test
    void otherEventDataAndCommentsGoThroughTheDetectors() throws Exception {
        assertEquals(": card [masked]\ndata: [DONE]\n\ndata: pay [masked]\ndata: ok\n\n",
                sse(": card 4111111111111111\ndata: [DONE]\n\ndata: pay 4111 1111 1111 1111\ndata: ok\n\n"));
    }

    @Test
    void anEventLargerThanTheLimitFails() {
        MaskingLimits small = new MaskingLimits(50, 1 << 20, 64, 100, 1 << 26, 100);
        assertThrows(MaskingException.class, () -> mask(new SseBodyMasker(DETECTORS, small), utf8("data: " + "x".repeat(200) + "\n\n")));
        assertThrows(MaskingException.class, () -> mask(new SseBodyMasker(DETECTORS, small), utf8("data: " + "x".repeat(200))));
    }

    @Test
    void eventsAreSentAsSoonAsTheyEnd() throws Exception {
        SseBodyMasker masker = new SseBodyMasker(DETECTORS, WINDOW_64);
        assertEquals("data: {\"ssn\":\"[masked]\"}\n\n", new String(masker.feed(utf8("data: {\"ssn\":1}\n\ndata: {")), StandardCharsets.UTF_8));
    }

    private static String sse(String body) throws MaskingException {
        return mask(new SseBodyMasker(DETECTORS, WINDOW_64), utf8(body));
    }
}
