package io.gatehouse.controlplane.security;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Slow salted hashes of client secrets (PBKDF2-HMAC-SHA256), because an imported legacy key may be
 * weak enough to guess from a fast hash; comparison in constant time.
 */
public final class SecretHasher {

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretHasher() {
    }

    public record Hashed(byte[] hash, byte[] salt, int iterations) {
    }

    public static Hashed hash(String secret, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new Hashed(derive(secret, salt, iterations), salt, iterations);
    }

    public static boolean matches(String secret, byte[] hash, byte[] salt, int iterations) {
        return MessageDigest.isEqual(derive(secret, salt, iterations), hash);
    }

    /** A new random secret: 256 bits, base64url, prefixed so that secret scanners recognise it. */
    public static String newSecret() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return "ghcs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static byte[] derive(String secret, byte[] salt, int iterations) {
        char[] characters = secret.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(characters, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(characters, '\0');
        }
    }
}
