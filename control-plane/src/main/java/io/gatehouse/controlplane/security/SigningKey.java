package io.gatehouse.controlplane.security;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;

/** One ES256 key of the control plane. {@code toString} leaves the private key out. */
public record SigningKey(String kid, ECPrivateKey privateKey, ECPublicKey publicKey, Instant createdAt) {

    public static final String ALGORITHM = "ES256";

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", createdAt=" + createdAt + "]";
    }
}
