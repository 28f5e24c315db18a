package io.gatehouse.dataplane.masking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.proto.config.v1.Detector;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.gatehouse.dataplane.masking.MaskingTestSupport.detector;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.field;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.mask;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.path;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.policy;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.utf8;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.withDrop;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.withHash;
import static io.gatehouse.dataplane.masking.MaskingTestSupport.withPartial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules, actions and the tricks that defeat naive JSON maskers. */
class JsonBodyMaskerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MaskingLimits LIMITS = MaskingLimits.DEFAULTS;

    @Test
    void everyDuplicateOfAMaskedKeyIsMasked() throws Exception {
        assertEquals("{\"ssn\":\"[masked]\",\"ssn\":\"[masked]\",\"x\":1}",
                json(policy(field("ssn")), "{\"ssn\":\"1\",\"ssn\":{\"a\":[2]},\"x\":1}"));
    }

    @Test
    void escapedKeysAreDecodedBeforeMatching() throws Exception {
        // names are matched decoded and copied through as sent
        assertEquals("{\"s\\u0073n\":\"[masked]\",\"\\u0053\\u0053\\u004e\":\"[masked]\"}",
                json(policy(field("ssn")), "{\"s\\u0073n\":\"1\",\"\\u0053\\u0053\\u004e\":\"2\"}"));
    }

    @Test
    void caseInsensitiveMatchingCatchesLookAlikesOtherParsersFold() throws Exception {
        // U+017F (long s) upper-cases to S; U+212A (Kelvin sign) lower-cases to k
        String masked = json(policy(field("ssn"), field("key")), "{\"\\u017Fsn\":\"1\",\"\\u212Aey\":\"2\",\"other\":3}");
        assertEquals("{\"\\u017Fsn\":\"[masked]\",\"\\u212Aey\":\"[masked]\",\"other\":3}", masked);
        String unescaped = json(policy(field("ssn"), field("key")), "{\"\u017Fsn\":\"1\",\"\u212Aey\":\"2\",\"other\":3}");
        assertEquals("{\"\u017Fsn\":\"[masked]\",\"\u212Aey\":\"[masked]\",\"other\":3}", unescaped);
    }

    @Test
    void caseSensitiveRulesMatchExactly() throws Exception {
        MaskingPolicy exact = policy(field("SSN").toBuilder().setCaseSensitive(true).build());
        assertEquals("{\"SSN\":\"[masked]\",\"ssn\":\"1\"}", json(exact, "{\"SSN\":\"1\",\"ssn\":\"1\"}"));
    }

    @Test
    void numbersBooleansNullsAndStructuresAreMaskedLikeStrings() throws Exception {
        assertEquals("[{\"ssn\":\"[masked]\"},{\"ssn\":\"[masked]\"},{\"ssn\":\"[masked]\"},{\"ssn\":\"[masked]\"},{\"ssn\":\"[masked]\"}]",
                json(policy(field("ssn")), "[{\"ssn\":123456789},{\"ssn\":1.5e3},{\"ssn\":true},{\"ssn\":null},{\"ssn\":[1,{\"x\":2}]}]"));
    }

    @Test
    void detectorsLookAtNumbersByTheirText() throws Exception {
        assertEquals("{\"card\":\"[masked]\",\"n\":42}",
                json(policy(detector(Detector.DETECTOR_PAYMENT_CARD)), "{\"card\":4111111111111111,\"n\":42}"));
    }

    @Test
    void detectorsLookAtFieldNamesToo() throws Exception {
        assertEquals("{\"[masked]\":{\"owner\":\"x\"}}",
                json(policy(detector(Detector.DETECTOR_EMAIL)), "{\"ada@example.com\":{\"owner\":\"x\"}}"));
    }

    @Test
    void detectorsReplaceOnlyTheMatchInsideAString() throws Exception {
        assertEquals("{\"note\":\"mail [masked] or call\"}",
                json(policy(detector(Detector.DETECTOR_EMAIL)), "{\"note\":\"mail ada@example.com or call\"}"));
    }

    @Test
    void pathRulesMatchOnlyWhereThePatternSays() throws Exception {
        MaskingPolicy policy = policy(path("$.customers[*].ssn"), path("$..card.number"), path("$.list[1]"));
        JsonNode out = JSON.readTree(json(policy, "{\"customers\":[{\"ssn\":\"1\",\"name\":\"a\"},{\"ssn\":\"2\"}],\"ssn\":\"top\","
                + "\"x\":{\"y\":{\"card\":{\"number\":\"4\",\"cvv\":\"5\"}}},\"card\":{\"number\":\"6\"},\"list\":[\"a\",\"b\",\"c\"]}"));
        assertEquals("[masked]", out.at("/customers/0/ssn").asText());
        assertEquals("[masked]", out.at("/customers/1/ssn").asText());
        assertEquals("a", out.at("/customers/0/name").asText());
        assertEquals("top", out.at("/ssn").asText());
        assertEquals("[masked]", out.at("/x/y/card/number").asText());
        assertEquals("5", out.at("/x/y/card/cvv").asText());
        assertEquals("[masked]", out.at("/card/number").asText());
        assertEquals("a", out.at("/list/0").asText());
        assertEquals("[masked]", out.at("/list/1").asText());
        assertEquals("c", out.at("/list/2").asText());
    }

    @Test
    void partialKeepsTheLastCharactersOnlyOfLongEnoughValues() throws Exception {
        MaskingPolicy policy = policy(withPartial(field("card"), 4));
        assertEquals("{\"card\":\"****1111\",\"card\":\"****\"}",
                json(policy, "{\"card\":\"4111111111111111\",\"card\":\"1234567\"}"));
    }

    @Test
    void hashGivesEqualTokensForEqualValuesAndHidesThem() throws Exception {
        MaskingPolicy policy = policy(withHash(field("email")));
        JsonNode out = JSON.readTree(json(policy, "[{\"email\":\"ada@example.com\"},{\"email\":\"ada@example.com\"},{\"email\":\"bob@example.com\"}]"));
        String first = out.at("/0/email").asText();
        assertTrue(first.startsWith("hmac:"), first);
        assertEquals(first, out.at("/1/email").asText());
        assertNotEquals(first, out.at("/2/email").asText());
        assertFalse(first.contains("ada"));
        MaskingPolicy otherKey = new MaskingRuleCompiler(java.util.Optional.of(HashTokenizer.fromSecret("another-key-of-at-least-thirty-two-bytes")))
                .compile(io.gatehouse.proto.config.v1.Resource.newBuilder().addMaskingRules(withHash(field("email"))).build());
        assertNotEquals(first, JSON.readTree(json(otherKey, "{\"email\":\"ada@example.com\"}")).get("email").asText(),
                "a token depends on the key");
    }

    @Test
    void hashTokensAreOfTheDecodedValueHoweverItIsWritten() throws Exception {
        HashTokenizer tokenizer = HashTokenizer.fromSecret(MaskingTestSupport.HASH_KEY);
        JsonNode out = JSON.readTree(json(policy(withHash(field("email"))),
                "[{\"email\":\"ada@example.com\"},{\"email\":\"ad\\u0061@example.com\"},{\"email\":\"Zo\u00eb\"},"
                        + "{\"email\":\"a\\\"b\"},{\"email\":12.50},{\"email\":true}]"));
        assertEquals(tokenizer.token("ada@example.com"), out.at("/0/email").asText());
        assertEquals(tokenizer.token("ada@example.com"), out.at("/1/email").asText());
        assertEquals(tokenizer.token("Zo\u00eb"), out.at("/2/email").asText());
        assertEquals(tokenizer.token("a\"b"), out.at("/3/email").asText());
        assertEquals(tokenizer.token("12.50"), out.at("/4/email").asText());
        assertEquals(tokenizer.token("true"), out.at("/5/email").asText());
    }

    @Test
    void dropRemovesTheFieldOrElement() throws Exception {
        assertEquals("{\"a\":1,\"c\":3}", json(policy(withDrop(field("internal"))), "{\"a\":1,\"internal\":{\"x\":[1]},\"c\":3,\"internal\":2}"));
        assertEquals("{\"list\":[\"a\",\"c\"]}", json(policy(withDrop(path("$.list[1]"))), "{\"list\":[\"a\",\"b\",\"c\"]}"));
        assertEquals("{\"ok\":1}", json(policy(withDrop(detector(Detector.DETECTOR_US_SSN))), "{\"note\":\"ssn 123-45-6789\",\"ok\":1}"));
    }

    @Test
    void theStrongestActionWinsWhenRulesOverlap() throws Exception {
        assertEquals("{\"ssn\":\"[masked]\"}", json(policy(withPartial(field("ssn"), 4), path("$.ssn")), "{\"ssn\":\"123456789\"}"));
    }

    @Test
    void ndjsonKeepsOneValuePerLine() throws Exception {
        assertEquals("{\"ssn\":\"[masked]\"}\n{\"ssn\":\"[masked]\"}\n",
                mask(new JsonBodyMasker(policy(field("ssn")), LIMITS, true), utf8("{\"ssn\":1}\n\n{\"ssn\":2}")));
    }

    @Test
    void nestingPastTheLimitFailsClosed() {
        MaskingLimits shallow = new MaskingLimits(10, 1024, 64, 1024, 1 << 20, 10);
        String deep = "[".repeat(11) + "]".repeat(11);
        MaskingException failure = assertThrows(MaskingException.class,
                () -> mask(new JsonBodyMasker(policy(field("ssn")), shallow, false), utf8(deep)));
        assertTrue(failure.getMessage().contains("limit") || failure.getMessage().contains("deeper"), failure.getMessage());
        assertEquals("[[[[[[[[[[]]]]]]]]]]", assertDoesNotThrow(shallow, "[".repeat(10) + "]".repeat(10)));
    }

    @Test
    void aValueLongerThanTheLimitFailsClosed() {
        MaskingLimits small = new MaskingLimits(10, 1000, 64, 1024, 1 << 20, 10);
        assertThrows(MaskingException.class,
                () -> mask(new JsonBodyMasker(policy(field("ssn")), small, false), utf8("{\"ssn\":\"" + "1".repeat(2000) + "\"}")));
        assertThrows(MaskingException.class,
                () -> mask(new JsonBodyMasker(policy(field("ssn")), small, false), utf8("{\"" + "k".repeat(2000) + "\":1}")));
    }

    @Test
    void invalidOrTruncatedJsonFailsClosedWithoutQuotingTheBody() {
        for (String body : new String[]{"{\"ssn\":\"123-45-6789\"", "{'ssn':'123-45-6789'}", "{\"ssn\":123-45-6789}",
                "ssn=123-45-6789", "{\"a\":1,}", "{\"ssn\":\"1\"}}", "[1,2"}) {
            MaskingException failure = assertThrows(MaskingException.class,
                    () -> mask(new JsonBodyMasker(policy(field("ssn")), LIMITS, false), utf8(body)), body);
            assertFalse(failure.getMessage().contains("123"), failure.getMessage());
        }
    }

    @Test
    void escapedSurrogatePairsInNamesAreDecodedAndUnpairedOnesRefused() throws Exception {
        assertEquals("{\"x\\ud83d\\ude00\":\"1\",\"ssn\":\"[masked]\"}",
                json(policy(field("ssn")), "{\"x\\ud83d\\ude00\":\"1\",\"ssn\":\"2\"}"));
        assertEquals("{\"x\\ud83d\\uDE00\":\"[masked]\"}", json(policy(field("x\uD83D\uDE00")), "{\"x\\ud83d\\uDE00\":1}"));
        // half a pair decodes differently in different parsers: refused, in names and in values
        for (String body : new String[]{"{\"x\\ud83d\":1,\"ssn\":2}", "{\"x\\ude00\":1}", "{\"x\\ud83dy\":1}",
                "{\"ssn\":\"\\ud83d\"}", "[\"\\ud83d\\u0041\"]", "[\"\\ud83d\\n\"]"}) {
            assertThrows(MaskingException.class, () -> json(policy(field("ssn")), body), body);
        }
    }

    @Test
    void reportsWhichRulesFiredAndHowOften() throws Exception {
        JsonBodyMasker masker = new JsonBodyMasker(policy(field("ssn"), detector(Detector.DETECTOR_EMAIL)), LIMITS, false);
        mask(masker, utf8("{\"ssn\":1,\"SSN\":2,\"m\":\"a@example.com b@example.org\"}"));
        assertEquals(java.util.Map.of("ssn", 2, "email", 2), masker.summary().countsByRule());
        assertEquals(4, masker.summary().valuesMasked());
    }

    @Test
    void outputComesBeforeTheBodyEnds() throws Exception {
        JsonBodyMasker masker = new JsonBodyMasker(policy(field("ssn")), LIMITS, false);
        byte[] first = masker.feed(utf8("[{\"id\":1},{\"id\":2},"));
        assertTrue(new String(first, StandardCharsets.UTF_8).contains("\"id\":2"));
    }

    private static String assertDoesNotThrow(MaskingLimits limits, String body) {
        try {
            return mask(new JsonBodyMasker(policy(field("ssn")), limits, false), utf8(body));
        } catch (MaskingException e) {
            throw new AssertionError(e);
        }
    }

    private static String json(MaskingPolicy policy, String body) throws MaskingException {
        return mask(new JsonBodyMasker(policy, LIMITS, false), utf8(body));
    }
}
