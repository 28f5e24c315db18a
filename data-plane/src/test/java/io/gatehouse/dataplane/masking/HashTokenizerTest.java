package io.gatehouse.dataplane.masking;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Tokens are the standard HMAC-SHA256 (truncated), for keys shorter and longer than a block. */
class HashTokenizerTest {

    @Test
    void tokensAreTheStandardHmac() throws Exception {
        for (int keyLength : new int[]{32, 63, 64, 65, 200}) {
            byte[] key = new byte[keyLength];
            for (int i = 0; i < keyLength; i++) {
                key[i] = (byte) (i * 7 + keyLength);
            }
            HashTokenizer tokenizer = new HashTokenizer(key);
            for (String value : new String[]{"", "ada@example.com", "Zo\u00eb \uD83D\uDE00", "x".repeat(1000)}) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                byte[] expected = Arrays.copyOf(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 18);
                assertEquals(HashTokenizer.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(expected),
                        tokenizer.token(value), "key of " + keyLength + " bytes");
                assertEquals(tokenizer.token(value), tokenizer.token(value), "a token does not depend on the tokens before it");
            }
        }
    }

    @Test
    void aTokenOfUtf8BytesIsTheTokenOfTheirText() {
        HashTokenizer tokenizer = HashTokenizer.fromSecret("a-key-of-at-least-thirty-two-bytes-long");
        for (String value : new String[]{"", "ada@example.com", "Zo\u00eb \uD83D\uDE00", "x".repeat(1000)}) {
            byte[] utf8 = ("[" + value + "]").getBytes(StandardCharsets.UTF_8);
            assertEquals(tokenizer.token(value), tokenizer.token(utf8, 1, utf8.length - 1));
        }
    }

    @Test
    void tokensUseEveryUrlSafeBase64SymbolAsTheJdkEncoderDoes() throws Exception {
        byte[] key = "a-key-of-at-least-thirty-two-bytes-long".getBytes(StandardCharsets.UTF_8);
        HashTokenizer tokenizer = new HashTokenizer(key);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        Set<Character> symbols = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String value = "value " + i;
            String expected = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Arrays.copyOf(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 18));
            String token = tokenizer.token(value);
            assertEquals(HashTokenizer.PREFIX + expected, token);
            token.substring(HashTokenizer.PREFIX.length()).chars().forEach(c -> symbols.add((char) c));
        }
        assertEquals(64, symbols.size());
    }

    @Test
    void shortKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HashTokenizer(new byte[31]));
    }
}
