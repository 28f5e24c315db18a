package io.gatehouse.controlplane.security;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * A data plane's assertion key as it arrives on the config stream, checked: an EC P-256 public key whose
 * key id is derived from its bytes (so one key id never names two keys).
 */
public record AssertionKeyRegistration(String nodeId, String kid, ECPublicKey publicKey) {

    private static final int SPKI_MAX_BYTES = 256;
    private static final int KID_DIGEST_BYTES = 16;

    /** @throws IllegalArgumentException with a message for the data plane's operator */
    public static AssertionKeyRegistration of(String nodeId, String kid, byte[] subjectPublicKeyInfo) {
        if (subjectPublicKeyInfo.length == 0 || subjectPublicKeyInfo.length > SPKI_MAX_BYTES) {
            throw new IllegalArgumentException("the assertion key must be an EC P-256 public key (X.509 SubjectPublicKeyInfo)");
        }
        if (!kid.equals(kidOf(subjectPublicKeyInfo))) {
            throw new IllegalArgumentException("the assertion key id must be base64url(SHA-256(public key)[0..16])");
        }
        return new AssertionKeyRegistration(nodeId, kid, p256(subjectPublicKeyInfo));
    }

    public static String kidOf(byte[] subjectPublicKeyInfo) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subjectPublicKeyInfo);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, KID_DIGEST_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    public static ECPublicKey p256(byte[] subjectPublicKeyInfo) {
        try {
            ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
            if (!isP256(key.getParams())) {
                throw new IllegalArgumentException("the assertion key must be on curve P-256");
            }
            return key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("the assertion key must be an EC P-256 public key (X.509 SubjectPublicKeyInfo)");
        }
    }

    private static boolean isP256(ECParameterSpec params) {
        // P-256's order n; the other curves the JDK knows have a different one
        return params.getOrder().toString(16).equals("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    }
}
