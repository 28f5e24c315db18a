package io.gatehouse.dataplane.masking;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Keyed hash tokens (HMAC-SHA256) for the hash action: equal values give equal tokens, so
 * analysts can correlate them, and without the key a token cannot be tested against guesses.
 * Every data plane of a deployment must share the key for tokens to agree across replicas.
 */
public final class HashTokenizer {

    public static final String PREFIX = "hmac:";
    /** 32 bytes: an HMAC-SHA256 key shorter than the hash adds no strength and invites guessable keys. */
    public static final int MIN_KEY_BYTES = 32;
    private static final int TOKEN_BYTES = 18;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public HashTokenizer(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the masking hash key must have at least " + MIN_KEY_BYTES
                    + " bytes, it has " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public static HashTokenizer fromSecret(String secret) {
        return new HashTokenizer(secret.getBytes(StandardCharsets.UTF_8));
    }

    public String token(CharSequence value) {
        Mac mac = macs.get();
        byte[] digest = mac.doFinal(value.toString().getBytes(StandardCharsets.UTF_8));
        byte[] truncated = java.util.Arrays.copyOf(digest, TOKEN_BYTES);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(truncated);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "HashTokenizer[key hidden]";
    }
}
