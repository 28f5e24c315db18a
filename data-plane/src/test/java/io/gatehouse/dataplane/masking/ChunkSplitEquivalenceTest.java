package io.gatehouse.dataplane.masking;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

import static io.gatehouse.dataplane.masking.MaskingTestSupport.everything;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.mask;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.maskInChunksOf;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Wherever the chunks of a body are cut — at every single byte position, at every pair of
 * positions (bodies up to 220 bytes), and one byte at a time — the masked output is exactly the
 * output for the unsplit body. The corpus holds the documents that trip naive maskers.
 */
class ChunkSplitEquivalenceTest {

    static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n"
            + "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n-----END PRIVATE KEY-----";

    static final List<String> JSON_CORPUS = List.of(
            "{\"id\":\"42\",\"ssn\":\"123-45-6789\",\"nested\":{\"SSN\":987654321,\"keep\":[1,2.50,true,null]},"
                    + "\"cards\":[{\"ssn\":{\"deep\":[\"x\",{\"y\":1}]}}],\"tail\":\"end\"}",
            "{\"s\\u0073n\":\"a\",\"\\u0073\\u0053\\u004E\":\"b\",\"\\u017Fsn\":\"c\",\"ok\":\"\\u0041\\n\\\"\"}",
            "{\"ssn\":\"1\",\"ssn\":\"2\",\"ssn\":{\"a\":[1,{\"ssn\":3}]},\"x\":0}",
            "{\"customers\":[{\"name\":\"Ada\",\"card\":{\"number\":\"4000-1234-5678-9010\",\"cvv\":\"123\"}},"
                    + "{\"card\":{\"number\":12345,\"brand\":\"v\"}}],\"card\":{\"number\":\"not under customers\"}}",
            "{\"a\":{\"b\":[{\"secret\":\"s1\"},{\"SECRET\":[1,2]}],\"secret\":{\"x\":1}},\"c\":[[[{\"secret\":null}]]]}",
            "{\"note\":\"call +44 20 7946 0958 or mail ada@example.com\",\"iban\":\"GB82 WEST 1234 5698 7654 32\","
                    + "\"n\":4111111111111111,\"token\":\"Bearer abc123def456ghi\",\"jwt\":\"" + JWT + "\","
                    + "\"aws\":\"AKIAIOSFODNN7EXAMPLE\",\"key\":\"" + PEM.replace("\n", "\\n") + "\",\"ref\":\"ORD-123456\"}",
            "{\"phone\":\"+1 202 555 0143\",\"email\":\"Ada@Example.com\",\"internal\":{\"x\":[1,2]},\"keep\":\"yes\",\"internal\":\"again\"}",
            "{\"4111111111111111\":{\"owner\":\"x\"},\"ada@example.com\":1,\"plain\":2}",
            "{\"name\":\"Zo\u00eb \uD83D\uDE00\",\"ssn\":\"\\u0031\\u0032\\u0033-45-6789\",\"emoji\":\"\\ud83d\\ude00\"}",
            "[{\"ssn\":1},[],{},\"str\",-1.5e10,{\"customers\":[{\"card\":{\"number\":1}}]}]",
            "{\"big\":123456789012345678901234567890,\"f\":1.0e-5,\"ssn\":1e3,\"neg\":-0.0}",
            "  {\n  \"pretty\" : [ 1 ,\n 2 ] ,\n  \"ssn\" : \"x\" \n}\n  ",
            "\"just a string with 123-45-6789\"",
            "{\"\":\"empty key\",\"ssn\":\"\",\"s\":\"\"}");

    static final List<String> NDJSON_CORPUS = List.of(
            "{\"ssn\":\"1\"}\n{\"a\":[{\"secret\":1}]}\n\n{\"note\":\"ada@example.com\"}\n",
            "{\"x\":1}\r\n[1,2]\r\n\"s\"\r\n42");

    static final List<String> SSE_CORPUS = List.of(
            "event: update\nid: 7\ndata: {\"ssn\":\"123-45-6789\",\"ok\":1}\n\n: ping ada@example.com\n\n",
            "data: {\"a\":\ndata: [{\"secret\":\"s\"}]}\n\nretry: 10\ndata: [DONE]\n\n",
            "data: plain text with card 4111 1111 1111 1111\r\n\r\ndata\r\n\r\ndata:no-space\r\n\r\n");

    static final List<String> TEXT_CORPUS = List.of(
            "Dear Ada,\ncard 4111 1111 1111 1111, iban GB82 WEST 1234 5698 7654 32, ssn 123-45-6789.\nKey:\n" + PEM
                    + "\nToken: Bearer abc123def456ghi and " + JWT + "\nbye ada@example.com, +44 20 7946 0958 ORD-123456 AKIAIOSFODNN7EXAMPLE",
            "no secrets at all, only a date 2024-11-29 and a version 1.2.3 " + "x".repeat(200),
            "-----BEGIN RSA PRIVATE KEY-----\n" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n".repeat(12) + "-----END RSA PRIVATE KEY-----\nafter");

    private static final MaskingPolicy POLICY = everything();
    /** The smallest window, so that the corpus crosses it and the hold-back logic is exercised. */
    private static final MaskingLimits SMALL_WINDOW = new MaskingLimits(50, 1 << 20, 64, 1 << 16, 1 << 26, 100);

    @Test
    void jsonOutputDoesNotDependOnChunkBoundaries() throws Exception {
        for (String document : JSON_CORPUS) {
            assertEverySplitGivesTheSameOutput(document, () -> new JsonBodyMasker(POLICY, SMALL_WINDOW, false), utf8(document));
        }
    }

    @Test
    void ndjsonOutputDoesNotDependOnChunkBoundaries() throws Exception {
        for (String document : NDJSON_CORPUS) {
            assertEverySplitGivesTheSameOutput(() -> new JsonBodyMasker(POLICY, SMALL_WINDOW, true), utf8(document));
        }
    }

    @Test
    void serverSentEventOutputDoesNotDependOnChunkBoundaries() throws Exception {
        for (String document : SSE_CORPUS) {
            assertEverySplitGivesTheSameOutput(() -> new SseBodyMasker(POLICY, SMALL_WINDOW), utf8(document));
        }
    }

    @Test
    void textOutputDoesNotDependOnChunkBoundaries() throws Exception {
        for (String document : TEXT_CORPUS) {
            assertEverySplitGivesTheSameOutput(() -> new TextBodyMasker(POLICY, SMALL_WINDOW, StandardCharsets.UTF_8), utf8(document));
        }
    }

    @Test
    void sniffedTextOutputDoesNotDependOnChunkBoundaries() throws Exception {
        for (String document : List.of(JSON_CORPUS.get(0), "   \n" + JSON_CORPUS.get(5), TEXT_CORPUS.get(0))) {
            assertEverySplitGivesTheSameOutput(() -> ResponseMaskers.forResponseUnchecked(POLICY, SMALL_WINDOW, "text/plain", null),
                    utf8(document));
        }
    }

    @Test
    void gzipOutputDoesNotDependOnChunkBoundaries() throws Exception {
        for (String document : List.of(JSON_CORPUS.get(0), JSON_CORPUS.get(5))) {
            byte[] compressed = gzip(utf8(document));
            String whole = mask(new InflatingBodyMasker("gzip", new JsonBodyMasker(POLICY, SMALL_WINDOW, false), SMALL_WINDOW), compressed);
            assertEquals(mask(new JsonBodyMasker(POLICY, SMALL_WINDOW, false), utf8(document)), whole);
            for (int cut = 1; cut < compressed.length; cut++) {
                assertEquals(whole, mask(new InflatingBodyMasker("gzip", new JsonBodyMasker(POLICY, SMALL_WINDOW, false),
                        SMALL_WINDOW), compressed, cut), "gzip cut at " + cut);
            }
        }
    }

    static void assertEverySplitGivesTheSameOutput(String name, Supplier<BodyMasker> maskers, byte[] body) throws Exception {
        String whole;
        try {
            whole = mask(maskers.get(), body);
        } catch (MaskingException e) {
            throw new AssertionError("unsplit " + name + ": " + e.getMessage(), e);
        }
        assertEverySplitGivesTheSameOutput(maskers, body, whole);
    }

    static void assertEverySplitGivesTheSameOutput(Supplier<BodyMasker> maskers, byte[] body) throws Exception {
        assertEverySplitGivesTheSameOutput(new String(body, StandardCharsets.UTF_8), maskers, body);
    }

    static void assertEverySplitGivesTheSameOutput(Supplier<BodyMasker> maskers, byte[] body, String whole) throws Exception {
        assertFalse(whole.contains("123-45-6789"), () -> "not masked at all: " + whole);
        for (int cut = 1; cut < body.length; cut++) {
            int at = cut;
            assertEquals(whole, mask(maskers.get(), body, cut), () -> "cut at " + at + " of " + new String(body, StandardCharsets.UTF_8));
        }
        if (body.length <= 220) {
            for (int first = 1; first < body.length; first++) {
                for (int second = first; second < body.length; second++) {
                    int a = first;
                    int b = second;
                    assertEquals(whole, mask(maskers.get(), body, first, second), () -> "cuts at " + a + " and " + b);
                }
            }
        }
        for (int size = 1; size <= 17; size++) {
            assertEquals(whole, maskInChunksOf(maskers, body, size), "chunks of " + size);
        }
    }

    static byte[] gzip(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
