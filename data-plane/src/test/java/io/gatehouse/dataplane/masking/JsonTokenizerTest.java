package io.gatehouse.dataplane.masking;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The tokenizer reports the same tokens wherever the chunks are cut (at every byte, and one byte
 * at a time), accepts what RFC 8259 accepts and refuses the rest, wherever the chunks are cut.
 */
class JsonTokenizerTest {

    private static final MaskingLimits LIMITS = new MaskingLimits(5, 64, 64, 1024, 1 << 20, 10);

    @Test
    void reportsTokensAsSent() throws Exception {
        assertEquals(List.of("{", "name \"a\" plain", "number -1.5e+10", "name \"b\\u0041\"", "[", "literal true", "literal false",
                        "literal null", "string \"x\\\"y\"", "string \"\" plain", "]", "}"),
                tokens(bytes("{\"a\" : -1.5e+10 ,\n\t\"b\\u0041\":[true,false,null,\"x\\\"y\",\"\"]}")));
        assertEquals(List.of("number 1", "string \"s\" plain", "{", "}", "[", "]", "literal null", "number 0"),
                tokens(bytes(" 1 \"s\"{}[] null\r\n0")));
        assertEquals(List.of("string \"Zo\u00eb\"", "string \"\uD83D\uDE00\"", "string \"\u20AC\""),
                tokens(bytes("\"Zo\u00eb\" \"\uD83D\uDE00\" \"\u20AC\"")));
    }

    @Test
    void acceptsWhatTheGrammarAcceptsWhereverTheChunksAreCut() throws Exception {
        List<String> valid = List.of(
                "{\"n\":[0,-0,1,-1,10,1.5,-0.25,1e5,1E-5,1.5e+10,2.50,123456789012345678901234567890]}",
                "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\uD83D\\uDE00\\ud83d\\ude00\"]",
                "{\"Zo\u00eb\":\"\u20AC \uD83D\uDE00 \u0800 \uFFFD \u07FF\"}",
                "\uFEFF {\"bom\":true}",
                "[[[[[]]]]]",
                "  \n\t\r[ 1 , { \"a\" : [ ] , \"b\" : { } } ]  ",
                "true false null 1 \"s\" {} [] 2",
                "{}{}[][]\"a\"\"b\"",
                "",
                "   ");
        for (String document : valid) {
            byte[] body = bytes(document);
            List<String> whole = tokens(body);
            for (int cut = 0; cut <= body.length; cut++) {
                assertEquals(whole, tokens(body, cut), document + " cut at " + cut);
            }
            assertEquals(whole, tokensOneByteAtATime(body), document);
        }
    }

    @Test
    void refusesWhatIsNotJsonWhereverTheChunksAreCut() {
        List<byte[]> invalid = new ArrayList<>();
        for (String document : List.of("01", "-01", "-", "1.", ".5", "+1", "1e", "1e+", "1.e5", "0x10", "NaN", "Infinity", "-Infinity",
                "tru", "truex", "nul", "nulll", "True", "1true", "[1]x", "\"a\"1x", "[1,]", "[,1]", "{,}", "{\"a\"}", "{\"a\":}",
                "{\"a\" 1}", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "[1 2]", "{'a':1}", "{a:1}", "[1}", "{\"a\":1]", "]", "}", "[", "{",
                ",", ":", "1,2", "\"unterminated", "\"a\tb\"", "\"a\nb\"", "\"\\x\"", "\"\\u12G4\"", "\"\\u123\"", "\"\\'\"",
                "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83d\\u0041\"", "\"\\ud83dx\"", "\"\\ud83d\\ud83d\"", "{\"\\ud83d\":1}",
                "[1]\uFEFF", " \uFEFF[]", "/* c */ 1", "[1] // c")) {
            invalid.add(bytes(document));
        }
        invalid.add(new byte[]{'"', (byte) 0xC0, (byte) 0x80, '"'});                     // overlong
        invalid.add(new byte[]{'"', (byte) 0xE0, (byte) 0x9F, (byte) 0xBF, '"'});        // overlong
        invalid.add(new byte[]{'"', (byte) 0xF0, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF, '"'}); // overlong
        invalid.add(new byte[]{'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'});        // an encoded surrogate
        invalid.add(new byte[]{'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}); // past U+10FFFF
        invalid.add(new byte[]{'"', (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'});
        invalid.add(new byte[]{'"', (byte) 0x80, '"'});                                   // a lone continuation byte
        invalid.add(new byte[]{'"', (byte) 0xC3, '"'});                                   // a cut sequence
        invalid.add(new byte[]{'"', (byte) 0xE2, (byte) 0x82, '"'});
        invalid.add(new byte[]{'[', (byte) 0xC3, (byte) 0xA9, ']'});                      // non-ASCII outside a string
        invalid.add(new byte[]{(byte) 0xEF, (byte) 0xBB, '[', ']'});                      // half a byte order mark
        invalid.add(new byte[]{'"', 'a', 0, '"'});
        for (byte[] body : invalid) {
            String shown = new String(body, StandardCharsets.ISO_8859_1);
            assertRefused(body, shown);
            for (int cut = 0; cut <= body.length; cut++) {
                int at = cut;
                MaskingException failure = assertThrows(MaskingException.class, () -> tokens(body, at), shown + " cut at " + at);
                assertFalse(failure.getMessage().contains(shown.strip()) && shown.strip().length() > 2, failure.getMessage());
            }
        }
    }

    @Test
    void nestingIsLimited() throws Exception {
        assertEquals(10, tokens(bytes("[[[[{}]]]]")).size());
        MaskingException failure = assertThrows(MaskingException.class, () -> tokens(bytes("[[[[[[]]]]]]")));
        assertTrue(failure.getMessage().contains("deeper than 5"), failure.getMessage());
        assertThrows(MaskingException.class, () -> tokens(bytes("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{}}}}}}")));
    }

    @Test
    void aTokenLongerThanTheLimitFailsEvenWhileCutIntoChunks() throws Exception {
        tokens(bytes("[\"" + "x".repeat(64) + "\"," + "1".repeat(64) + "]"));
        for (String body : new String[]{"[\"" + "x".repeat(100) + "\"]", "{\"" + "k".repeat(100) + "\":1}", "[" + "1".repeat(100) + "]"}) {
            byte[] bytes = bytes(body);
            assertThrows(MaskingException.class, () -> tokens(bytes), body);
            assertThrows(MaskingException.class, () -> tokensOneByteAtATime(bytes), body);
        }
        // an unterminated string is refused once it passes the limit, before the body ends
        JsonTokenizer tokenizer = new JsonTokenizer(new Recorder(), LIMITS);
        tokenizer.feed(bytes("[\"" + "x".repeat(40)), 0, 42);
        assertThrows(MaskingException.class, () -> tokenizer.feed(bytes("x".repeat(40)), 0, 40));
    }

    private static void assertRefused(byte[] body, String shown) {
        try {
            tokens(body);
            fail("accepted: " + shown);
        } catch (MaskingException expected) {
            // refused
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> tokens(byte[] body, int... cuts) throws MaskingException {
        Recorder recorder = new Recorder();
        JsonTokenizer tokenizer = new JsonTokenizer(recorder, LIMITS);
        int at = 0;
        for (int cut : cuts) {
            tokenizer.feed(Arrays.copyOfRange(body, at, cut), 0, cut - at);
            at = cut;
        }
        // fed at an offset inside a larger array, as a chunk may be
        byte[] rest = new byte[body.length - at + 6];
        System.arraycopy(body, at, rest, 3, body.length - at);
        tokenizer.feed(rest, 3, 3 + body.length - at);
        tokenizer.end();
        return recorder.tokens;
    }

    private static List<String> tokensOneByteAtATime(byte[] body) throws MaskingException {
        Recorder recorder = new Recorder();
        JsonTokenizer tokenizer = new JsonTokenizer(recorder, LIMITS);
        for (byte b : body) {
            tokenizer.feed(new byte[]{b}, 0, 1);
        }
        tokenizer.end();
        return recorder.tokens;
    }

    private static final class Recorder implements JsonTokenListener {
        final List<String> tokens = new ArrayList<>();

        @Override
        public void startContainer(boolean array) {
            tokens.add(array ? "[" : "{");
        }

        @Override
        public void endContainer() {
            tokens.add(closer());
        }

        private String closer() {
            int open = 0;
            for (int i = tokens.size() - 1; i >= 0; i--) {
                String token = tokens.get(i);
                if (token.equals("]") || token.equals("}")) {
                    open++;
                } else if (token.equals("[") || token.equals("{")) {
                    if (open-- == 0) {
                        return token.equals("[") ? "]" : "}";
                    }
                }
            }
            throw new AssertionError("a container closed that was not open");
        }

        @Override
        public void name(byte[] bytes, int start, int end, boolean plain) {
            tokens.add("name " + text(bytes, start, end) + (plain ? " plain" : ""));
        }

        @Override
        public void scalar(JsonScalar kind, byte[] bytes, int start, int end, boolean plain) {
            String text = text(bytes, start, end);
            tokens.add(switch (kind) {
                case STRING -> "string " + text + (plain ? " plain" : "");
                case NUMBER -> "number " + text;
                case LITERAL -> "literal " + text;
            });
        }

        private static String text(byte[] bytes, int start, int end) {
            return new String(bytes, start, end - start, StandardCharsets.UTF_8);
        }
    }
}
