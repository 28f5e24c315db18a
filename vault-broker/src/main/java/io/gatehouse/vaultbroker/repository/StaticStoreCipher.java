package io.gatehouse.vaultbroker.repository;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encrypts and decrypts the static store file with AES-256-GCM. An encrypted file is text:
 * <pre>
 * GATEHOUSE-STATIC-STORE v1 AES-256-GCM
 * base64(12-byte nonce || ciphertext || 16-byte tag)
 * </pre>
 * The header line is authenticated as associated data. The key is 32 random bytes, given base64-encoded.
 */
public final class StaticStoreCipher {

    public static final String HEADER = "GATEHOUSE-STATIC-STORE v1 AES-256-GCM";
    private static final byte[] HEADER_BYTES = HEADER.getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private StaticStoreCipher() {
    }

    /** Thrown with a message that describes the problem; it never contains key or plaintext. */
    public static class CipherProblem extends RuntimeException {
        CipherProblem(String message) {
            super(message);
        }
    }

    /** A new random key, base64-encoded. */
    public static String generateKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** @throws CipherProblem when {@code base64} is not 32 base64-encoded bytes */
    public static byte[] parseKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new CipherProblem("the key is not valid base64");
        }
        if (key.length != KEY_BYTES) {
            Arrays.fill(key, (byte) 0);
            throw new CipherProblem("the key must be " + KEY_BYTES + " bytes (base64 of 32 random bytes), not "
                    + key.length);
        }
        return key;
    }

    public static boolean isEncrypted(byte[] content) {
        return content.length >= HEADER_BYTES.length
                && Arrays.equals(Arrays.copyOf(content, HEADER_BYTES.length), HEADER_BYTES);
    }

    public static byte[] encrypt(byte[] plaintext, byte[] key) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, key, nonce, plaintext, 0, plaintext.length);
        byte[] payload = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, payload, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, payload, NONCE_BYTES, sealed.length);
        return (HEADER + "\n" + Base64.getEncoder().encodeToString(payload) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** @throws CipherProblem when the content is malformed, or the key is wrong or the file was modified */
    public static byte[] decrypt(byte[] content, byte[] key) {
        if (!isEncrypted(content)) {
            throw new CipherProblem("is not encrypted");
        }
        String body = new String(content, HEADER_BYTES.length, content.length - HEADER_BYTES.length,
                StandardCharsets.US_ASCII).trim();
        byte[] payload;
        try {
            payload = Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new CipherProblem("has a malformed encrypted body");
        }
        if (payload.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new CipherProblem("has a truncated encrypted body");
        }
        return run(Cipher.DECRYPT_MODE, key, Arrays.copyOf(payload, NONCE_BYTES), payload, NONCE_BYTES,
                payload.length - NONCE_BYTES);
    }

    private static byte[] run(int mode, byte[] key, byte[] nonce, byte[] input, int offset, int length) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(HEADER_BYTES);
            return cipher.doFinal(input, offset, length);
        } catch (AEADBadTagException e) {
            throw new CipherProblem("cannot be decrypted with the configured key (wrong key, or the file was modified)");
        } catch (GeneralSecurityException e) {
            throw new CipherProblem("cannot be processed with AES-256-GCM (" + e.getClass().getSimpleName() + ")");
        }
    }
}
