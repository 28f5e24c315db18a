package io.gatehouse.dataplane.snapshot;

import io.gatehouse.proto.config.v1.ConfigSnapshot;
import io.gatehouse.proto.config.v1.SigningPublicKey;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HashMap;
import java.util.Map;

/** The control plane's public keys a snapshot carries, by key id (ES256 keys only; others are ignored). */
final class ControlPlaneKeys {

    static final String ES256 = "ES256";

    private ControlPlaneKeys() {
    }

    /** @throws InvalidSnapshotException if a key is not a valid EC public key */
    static Map<String, PublicKey> of(ConfigSnapshot snapshot) {
        Map<String, PublicKey> keys = new HashMap<>();
        for (SigningPublicKey key : snapshot.getSigningKeysList()) {
            if (!ES256.equals(key.getAlgorithm())) {
                continue;
            }
            try {
                keys.put(key.getKeyId(), KeyFactory.getInstance("EC")
                        .generatePublic(new X509EncodedKeySpec(key.getPublicKey().toByteArray())));
            } catch (GeneralSecurityException e) {
                throw new InvalidSnapshotException("signing key '" + key.getKeyId() + "' is not a valid EC public key");
            }
        }
        return keys;
    }
}
