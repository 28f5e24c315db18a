package io.gatehouse.controlplane.security;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Map;

/** An EC P-256 public key as an RFC 7517 JWK for ES256 signatures. */
public final class EcJwk {

    private static final int P256_COORDINATE_BYTES = 32;

    private EcJwk() {
    }

    public static Map<String, String> of(String kid, ECPublicKey key) {
        return Map.of("kty", "EC", "crv", "P-256", "use", "sig", "alg", SigningKey.ALGORITHM, "kid", kid,
                "x", coordinate(key.getW().getAffineX()),
                "y", coordinate(key.getW().getAffineY()));
    }

    /** Fixed-length big-endian, as RFC 7518 section 6.2.1.2 requires. */
    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[P256_COORDINATE_BYTES];
        int copy = Math.min(bytes.length, P256_COORDINATE_BYTES);
        System.arraycopy(bytes, bytes.length - copy, fixed, P256_COORDINATE_BYTES - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
