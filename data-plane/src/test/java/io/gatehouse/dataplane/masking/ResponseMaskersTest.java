package io.gatehouse.dataplane.masking;

import io.gatehouse.proto.config.v1.Detector;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import static io.gatehouse.dataplane.masking.ChunkSplitEquivalenceTest.gzip;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.detector;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.field;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.mask;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.policy;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a response is masked depending on what it says it is, and what it really is. */
class ResponseMaskersTest {

    private static final MaskingPolicy POLICY = policy(field("ssn"), detector(Detector.DETECTOR_US_SSN));
    private static final MaskingLimits LIMITS = MaskingLimits.DEFAULTS;
    private static final String JSON = "{\"ssn\":\"x\",\"note\":\"ssn 123-45-6789\"}";
    private static final String MASKED_JSON = "{\"ssn\":\"[masked]\",\"note\":\"ssn [masked]\"}";

    @Test
    void jsonTypesAreMaskedAsJson() throws Exception {
        for (String type : new String[]{"application/json", "application/json; charset=utf-8", "application/problem+json",
                "APPLICATION/VND.API+JSON"}) {
            assertEquals(MASKED_JSON, masked(type, null, utf8(JSON)), type);
        }
    }

    @Test
    void jsonLabelledAsTextIsSniffedAndGetsTheFieldRules() throws Exception {
        for (String type : new String[]{"text/plain", "text/html; charset=UTF-8", "application/xml", null, ""}) {
            assertEquals(MASKED_JSON, masked(type, null, utf8("\uFEFF \n" + JSON)), String.valueOf(type));
        }
    }

    @Test
    void textStartingLikeJsonMustBeJson() {
        assertThrows(MaskingException.class, () -> masked("text/plain", null, utf8("{ this is not json, ssn 123-45-6789")));
    }

    @Test
    void plainTextGoesThroughTheDetectors() throws Exception {
        assertEquals("<p>ssn [masked]</p>", masked("text/html", null, utf8("<p>ssn 123-45-6789</p>")));
        assertEquals("ssn [masked]", masked(null, null, utf8("ssn 123-45-6789")));
    }

    @Test
    void latin1TextIsDecodedAndReEncoded() throws Exception {
        byte[] body = "Zoë ssn 123-45-6789".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        BodyMasker masker = ResponseMaskers.forResponse(POLICY, LIMITS, "text/plain; charset=ISO-8859-1", null);
        byte[] out = concat(masker.feed(body), masker.finish());
        assertEquals("Zoë ssn [masked]", new String(out, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void typesThatCannotBeInspectedAreRefused() {
        for (String type : new String[]{"application/octet-stream", "image/png", "application/pdf", "application/zip",
                "application/x-protobuf"}) {
            MaskingException refused = assertThrows(MaskingException.class, () -> ResponseMaskers.forResponse(POLICY, LIMITS, type, null));
            assertTrue(refused.getMessage().contains("cannot be inspected"), refused.getMessage());
        }
    }

    @Test
    void textInUtf16IsRefusedBecauseJsonInItCouldNotBeToldApart() {
        assertThrows(MaskingException.class, () -> ResponseMaskers.forResponse(POLICY, LIMITS, "text/plain; charset=UTF-16", null));
        assertThrows(MaskingException.class, () -> ResponseMaskers.forResponse(POLICY, LIMITS, "application/json; charset=UTF-16", null));
        assertThrows(MaskingException.class, () -> ResponseMaskers.forResponse(POLICY, LIMITS, "text/plain; charset=x-no-such", null));
    }

    @Test
    void gzipAndDeflateAreInflatedAndMasked() throws Exception {
        assertEquals(MASKED_JSON, masked("application/json", "gzip", gzip(utf8(JSON))));
        assertEquals(MASKED_JSON, masked("application/json", "x-gzip", gzip(utf8(JSON))));
        assertEquals(MASKED_JSON, masked("application/json", "deflate", deflate(utf8(JSON), false)));
        assertEquals(MASKED_JSON, masked("application/json", "deflate", deflate(utf8(JSON), true)));
        byte[] twoMembers = concat(gzip(utf8("{\"ssn\":1}")), gzip(utf8(" {\"ssn\":2}")));
        assertEquals("{\"ssn\":\"[masked]\"} {\"ssn\":\"[masked]\"}", masked("application/json", "gzip", twoMembers));
    }

    @Test
    void encodingsThatCannotBeDecodedAreRefused() {
        for (String encoding : new String[]{"br", "zstd", "compress", "gzip, br", "gzip, gzip"}) {
            assertThrows(MaskingException.class, () -> ResponseMaskers.forResponse(POLICY, LIMITS, "application/json", encoding), encoding);
        }
    }

    @Test
    void corruptOrTruncatedCompressedBodiesFail() throws Exception {
        byte[] good = gzip(utf8(JSON));
        byte[] truncated = Arrays.copyOf(good, good.length - 4);
        assertThrows(MaskingException.class, () -> masked("application/json", "gzip", truncated));
        byte[] badCrc = good.clone();
        badCrc[badCrc.length - 6] ^= 1;
        assertThrows(MaskingException.class, () -> masked("application/json", "gzip", badCrc));
        assertThrows(MaskingException.class, () -> masked("application/json", "gzip", utf8(JSON)));
    }

    @Test
    void compressionBombsAreRefused() throws Exception {
        byte[] zeros = new byte[64 * 1024 * 1024];
        Arrays.fill(zeros, (byte) ' ');
        byte[] bomb = gzip(zeros);
        MaskingException refused = assertThrows(MaskingException.class, () -> masked("application/json", "gzip", bomb));
        assertTrue(refused.getMessage().contains("bomb"), refused.getMessage());
        MaskingLimits tiny = new MaskingLimits(10, 1024, 64, 1024, 1000, 1000);
        MaskingException tooBig = assertThrows(MaskingException.class,
                () -> mask(ResponseMaskers.forResponse(POLICY, tiny, "application/json", "gzip"), gzip(utf8("[" + "1,".repeat(1000) + "1]"))));
        assertTrue(tooBig.getMessage().contains("more than 1000 bytes"), tooBig.getMessage());
    }

    @Test
    void serverSentEventsAndNdjsonHaveTheirOwnMaskers() throws Exception {
        assertEquals("data: {\"ssn\":\"[masked]\"}\n\n", masked("text/event-stream", null, utf8("data: {\"ssn\":1}\n\n")));
        assertEquals("{\"ssn\":\"[masked]\"}\n", masked("application/x-ndjson", null, utf8("{\"ssn\":1}\n")));
    }

    private static String masked(String type, String encoding, byte[] body) throws MaskingException {
        return mask(ResponseMaskers.forResponse(POLICY, LIMITS, type, encoding), body);
    }

    private static byte[] deflate(byte[] bytes, boolean raw) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            deflater.write(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
