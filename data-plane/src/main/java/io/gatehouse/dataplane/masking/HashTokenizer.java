package io.gatehouse.dataplane.masking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Keyed hash tokens (HMAC-SHA256, RFC 2104) for the hash action: equal values give equal tokens, so
 * analysts can correlate them, and without the key a token cannot be tested against guesses.
 * Every data plane of a deployment must share the key for tokens to agree across replicas.
 * <p>
 * The digests of the padded key blocks are computed once and copied per token, which halves the
 * work of an HMAC over a short value (the result is the standard HMAC).
 */
public final class HashTokenizer {

    public static final String PREFIX = "hmac:";
    /** 32 bytes: an HMAC-SHA256 key shorter than the hash adds no strength and invites guessable keys. */
    public static final int MIN_KEY_BYTES = 32;
    private static final int TOKEN_BYTES = 18;
    private static final int BLOCK_BYTES = 64;
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] URL_SAFE_BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(StandardCharsets.US_ASCII);

    /** SHA-256 states after the inner and outer padded key blocks; only ever cloned, never updated. */
    private final MessageDigest innerAfterKey;
    private final MessageDigest outerAfterKey;

    public HashTokenizer(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the masking hash key must have at least " + MIN_KEY_BYTES
                    + " bytes, it has " + key.length);
        }
        byte[] block = Arrays.copyOf(key.length > BLOCK_BYTES ? sha256().digest(key) : key, BLOCK_BYTES);
        this.innerAfterKey = afterPaddedKey(block, (byte) 0x36);
        this.outerAfterKey = afterPaddedKey(block, (byte) 0x5c);
        Arrays.fill(block, (byte) 0);
    }

    public static HashTokenizer fromSecret(String secret) {
        return new HashTokenizer(secret.getBytes(StandardCharsets.UTF_8));
    }

    public String token(CharSequence value) {
        byte[] utf8 = value.toString().getBytes(StandardCharsets.UTF_8);
        return token(utf8, 0, utf8.length);
    }

    /** The token of the text whose UTF-8 encoding is {@code utf8[start, end)}. */
    public String token(byte[] utf8, int start, int end) {
        MessageDigest inner = copy(innerAfterKey);
        inner.update(utf8, start, end - start);
        byte[] innerHash = inner.digest();
        MessageDigest outer = copy(outerAfterKey);
        byte[] mac = outer.digest(innerHash);
        return tokenText(mac);
    }

    /**
     * {@link #PREFIX} and the first {@value #TOKEN_BYTES} bytes of the mac in URL-safe Base64 (a
     * multiple of 3 bytes, so without padding), built in one array: per masked value, the JDK
     * encoder's copies and the concatenation cost as much as a SHA-256 compression.
     */
    private static String tokenText(byte[] mac) {
        byte[] text = Arrays.copyOf(PREFIX_BYTES, PREFIX_BYTES.length + TOKEN_BYTES / 3 * 4);
        int at = PREFIX_BYTES.length;
        for (int i = 0; i < TOKEN_BYTES; i += 3) {
            int bits = (mac[i] & 0xFF) << 16 | (mac[i + 1] & 0xFF) << 8 | mac[i + 2] & 0xFF;
            text[at++] = URL_SAFE_BASE64[bits >>> 18];
            text[at++] = URL_SAFE_BASE64[bits >>> 12 & 0x3F];
            text[at++] = URL_SAFE_BASE64[bits >>> 6 & 0x3F];
            text[at++] = URL_SAFE_BASE64[bits & 0x3F];
        }
        return new String(text, StandardCharsets.ISO_8859_1); // the same text as ASCII, taken without a scan for bytes over 0x7F
    }

    private static MessageDigest afterPaddedKey(byte[] block, byte pad) {
        byte[] padded = new byte[BLOCK_BYTES];
        for (int i = 0; i < BLOCK_BYTES; i++) {
            padded[i] = (byte) (block[i] ^ pad);
        }
        MessageDigest digest = sha256();
        digest.update(padded);
        Arrays.fill(padded, (byte) 0);
        return digest;
    }

    private static MessageDigest copy(MessageDigest prototype) {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JVM's SHA-256 cannot be copied", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "HashTokenizer[key hidden]";
    }
}
