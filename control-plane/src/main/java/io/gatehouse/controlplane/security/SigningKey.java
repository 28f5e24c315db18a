package io.gatehouse.controlplane.security;

import io.gatehouse.controlplane.domain.SigningKeyState;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;

/**
 * One ES256 key of the control plane and where it is in its rotation. {@code privateKey} is {@code null}
 * once the key is archived. {@code toString} leaves the private key out.
 */
public record SigningKey(String kid, ECPrivateKey privateKey, ECPublicKey publicKey, Instant createdAt,
                         SigningKeyState state, Instant activatedAt, Instant retiredAt, Instant archivedAt) {

    public static final String ALGORITHM = "ES256";

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", state=" + state + ", createdAt=" + createdAt + "]";
    }
}
