package io.gatehouse.dataplane.audit;

import io.gatehouse.dataplane.masking.HashTokenizer;
import io.gatehouse.dataplane.masking.MaskingLimits;
import io.gatehouse.dataplane.masking.MaskingPolicy;
import io.gatehouse.dataplane.masking.MaskingRuleCompiler;
import io.gatehouse.proto.config.v1.Detector;
import io.gatehouse.proto.config.v1.MaskingRule;
import io.gatehouse.proto.config.v1.Resource;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recorded copy of a request body: masked by the resource's rules, capped after masking, never recorded in clear. */
class MaskedBodyCaptureTest {

    private static final MaskingPolicy RULES = policy(
            MaskingRule.newBuilder().setField("ssn").build(),
            MaskingRule.newBuilder().setPath("$..card.number").build(),
            MaskingRule.newBuilder().setDetector(Detector.DETECTOR_PAYMENT_CARD).build(),
            MaskingRule.newBuilder().setDetector(Detector.DETECTOR_EMAIL).build());

    @Test
    void aJsonBodyIsMaskedEvenWhenEveryMaskedValueIsSplitAcrossChunks() {
        String body = "{\"card\": {\"number\": \"5105 1051 0510 5100\", \"holder\": \"Ann\"},\n"
                + " \"ssn\": \"123-45-6789\", \"amount\": 12.5}";
        for (int size = 1; size <= 7; size++) {
            MaskedBodyCapture capture = capture("application/json", 4096);
            feedInPieces(capture, body, size);
            capture.end();

            RecordedBody recorded = capture.result();
            assertEquals("{\"card\":{\"number\":\"[masked]\",\"holder\":\"Ann\"},\"ssn\":\"[masked]\",\"amount\":12.5}",
                    text(recorded), "in pieces of " + size);
            assertEquals(body.length(), recorded.size(), "the size of the body as sent");
            assertFalse(recorded.truncated(), "all of it is recorded, only compacted");
            assertFalse(recorded.binary());
            assertNull(recorded.unmaskable());
            assertEquals(Map.of("$..card.number", 1, "ssn", 1), capture.maskedValues());
        }
    }

    @Test
    void aTextBodyGoesThroughTheDetectors() {
        String body = "refund to 4111 1111 1111 1111 please, confirm to ann@example.com\n";
        MaskedBodyCapture capture = capture("text/plain; charset=utf-8", 4096);
        feedInPieces(capture, body, 5);
        capture.end();

        String recorded = text(capture.result());
        assertEquals("refund to [masked] please, confirm to [masked]\n", recorded);
        assertEquals(Map.of("payment-card", 1, "email", 1), capture.maskedValues());
    }

    @Test
    void aTextBodyLabelledAsTextButHoldingJsonGetsTheFieldRules() {
        MaskedBodyCapture capture = capture("text/plain", 4096);
        capture.feed(Buffer.buffer("  {\"ssn\":\"123-45-6789\"}"));
        capture.end();
        assertEquals("{\"ssn\":\"[masked]\"}", text(capture.result()));
    }

    @Test
    void invalidJsonIsRecordedBySizeAndTypeOnlyNotEvenItsMaskedHead() {
        String body = "{\"ssn\":\"123-45-6789\",\"note\":\"" + "n".repeat(3000) + "\", oops}";
        MaskedBodyCapture capture = capture("application/json", 4096);
        feedInPieces(capture, body, 100);
        capture.end();

        RecordedBody recorded = capture.result();
        assertEquals(0, recorded.content().length, "no content at all");
        assertEquals(body.length(), recorded.size());
        assertTrue(recorded.binary(), "content not recorded");
        assertTrue(recorded.truncated());
        assertEquals("application/json", recorded.contentType());
        assertNotNull(recorded.unmaskable());
        assertTrue(recorded.unmaskable().contains("not valid JSON"), recorded.unmaskable());
        assertFalse(recorded.unmaskable().contains("123-45"), "the reason holds no content");
        assertEquals(Map.of(), capture.maskedValues());
    }

    @Test
    void aJsonBodyThatEndsBeforeItsValueIsCompleteIsUnmaskable() {
        MaskedBodyCapture capture = capture("application/json", 4096);
        capture.feed(Buffer.buffer("{\"note\":\"fine\",\"ssn\":\"123-4"));
        capture.end();
        RecordedBody recorded = capture.result();
        assertEquals(0, recorded.content().length);
        assertTrue(recorded.unmaskable().contains("ended before"), recorded.unmaskable());
    }

    @Test
    void jsonNestedPastTheMaskingLimitIsUnmaskable() {
        MaskingLimits shallow = new MaskingLimits(4, 1024, 64, 1024, 1 << 20, 100);
        MaskedBodyCapture capture = MaskedBodyCapture.of(RULES, shallow, "application/json", null, 4096);
        capture.feed(Buffer.buffer("[[[[[[[\"123-45-6789\"]]]]]]]"));
        capture.end();
        assertEquals(0, capture.result().content().length);
        assertTrue(capture.result().unmaskable().contains("deeper"), capture.result().unmaskable());
    }

    @Test
    void textInACharsetThatIsNotMaskedIsUnmaskableAndTheReasonNamesTheCaller() {
        MaskedBodyCapture capture = capture("text/plain; charset=UTF-16", 4096);
        capture.feed(Buffer.buffer("4111 1111 1111 1111".getBytes(StandardCharsets.UTF_16)));
        capture.end();
        RecordedBody recorded = capture.result();
        assertEquals(0, recorded.content().length);
        assertTrue(recorded.unmaskable().startsWith("the caller sent text in UTF-16"), recorded.unmaskable());
    }

    @Test
    void aCompressedBodyIsRecordedBySizeOnlyAsBefore() {
        MaskedBodyCapture capture = capture("application/json", "gzip", 4096);
        capture.feed(Buffer.buffer(new byte[] {31, -117, 8, 0, 1, 2, 3}));
        capture.end();
        RecordedBody recorded = capture.result();
        assertTrue(recorded.binary());
        assertEquals(0, recorded.content().length);
        assertEquals(7, recorded.size());
        assertFalse(capture.masks(), "its bytes are never kept, so there is nothing to mask");
    }

    @Test
    void theCapCutsTheMaskedOutputSoAValueAtTheCapNeverLeaksItsHead() {
        // the ssn value starts before the cap and ends after it, both as sent and once masked
        String body = "{\"note\":\"abcdefghij\",\"ssn\":\"123-45-6789\",\"after\":\"" + "z".repeat(5000) + "\"}";
        int cap = body.indexOf("123-45") + 3;
        MaskedBodyCapture capture = capture("application/json", cap);
        feedInPieces(capture, body, 9);
        capture.end();

        RecordedBody recorded = capture.result();
        String kept = text(recorded);
        assertEquals(cap, kept.length());
        assertEquals("{\"note\":\"abcdefghij\",\"ssn\":\"[masked]\",\"after\":\"zzzzzzzzzzzzzzzzzzzzzzzzzz".substring(0, cap), kept);
        assertFalse(kept.contains("123"), kept);
        assertTrue(recorded.truncated());
        assertEquals(body.length(), recorded.size());
        assertEquals(Map.of("ssn", 1), capture.maskedValues());
    }

    @Test
    void aTextDetectorMatchCutByTheCapIsMaskedBeforeItIsCut() {
        String body = "x".repeat(90) + " card 4111 1111 1111 1111 end " + "y".repeat(20_000);
        MaskedBodyCapture capture = capture("text/plain", 100);
        feedInPieces(capture, body, 16);
        capture.end();
        String kept = text(capture.result());
        assertEquals(100, kept.length());
        assertTrue(kept.startsWith("x".repeat(90) + " card [mas"), kept);
        assertFalse(kept.contains("4111"), kept);
    }

    @Test
    void pastTheCapTheRestOfTheBodyIsOnlyCountedNotMasked() {
        MaskedBodyCapture capture = capture("application/json", 16);
        capture.feed(Buffer.buffer("[\"" + "a".repeat(40) + "\","));
        // invalid from here, but after the recorded part: never inspected, so it cannot make the record unmaskable
        for (int i = 0; i < 1000; i++) {
            capture.feed(Buffer.buffer("}".repeat(1000)));
        }
        capture.end();
        RecordedBody recorded = capture.result();
        assertEquals("[\"" + "a".repeat(14), text(recorded));
        assertEquals(44 + 1_000_000, recorded.size());
        assertTrue(recorded.truncated());
        assertNull(recorded.unmaskable());
    }

    @Test
    void aBodyNotYetEndedWhenTheRecordIsTakenHoldsOnlyWhatTheMaskerReleasedAndSaysItIsTruncated() {
        MaskedBodyCapture capture = capture("application/json", 4096);
        capture.feed(Buffer.buffer("{\"a\":1,\"ssn\":\"123-45-67"));
        RecordedBody recorded = capture.result();
        assertEquals("{\"a\":1", text(recorded), "the pending member is held back by the masker");
        assertTrue(recorded.truncated());
        assertNull(recorded.unmaskable());
    }

    @Test
    void anEmptyBodyIsRecordedEmpty() {
        MaskedBodyCapture capture = capture("application/json", 4096);
        capture.end();
        RecordedBody recorded = capture.result();
        assertEquals(0, recorded.size());
        assertEquals(0, recorded.content().length);
        assertFalse(recorded.truncated());
        assertNull(recorded.unmaskable());
    }

    @Test
    void withoutMaskingRulesTheBodyIsRecordedAsSent() {
        MaskedBodyCapture capture = MaskedBodyCapture.of(MaskingPolicy.NONE, MaskingLimits.DEFAULTS, "application/json", null, 8);
        capture.feed(Buffer.buffer("{\"ssn\": \"123-45-6789\"}"));
        capture.end();
        assertFalse(capture.masks());
        assertEquals("{\"ssn\": ", text(capture.result()));
        assertTrue(capture.result().truncated());
        assertEquals(Map.of(), capture.maskedValues());
    }

    private static MaskedBodyCapture capture(String contentType, int cap) {
        return capture(contentType, null, cap);
    }

    private static MaskedBodyCapture capture(String contentType, String contentEncoding, int cap) {
        return MaskedBodyCapture.of(RULES, MaskingLimits.DEFAULTS, contentType, contentEncoding, cap);
    }

    private static void feedInPieces(MaskedBodyCapture capture, String body, int size) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int from = 0; from < bytes.length; from += size) {
            capture.feed(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + size))));
        }
    }

    private static String text(RecordedBody body) {
        return new String(body.content(), StandardCharsets.UTF_8);
    }

    private static MaskingPolicy policy(MaskingRule... rules) {
        return new MaskingRuleCompiler(Optional.of(HashTokenizer.fromSecret("a-test-key-of-at-least-thirty-two-bytes!")))
                .compile(Resource.newBuilder().setName("test").addAllMaskingRules(List.of(rules)).build());
    }
}
