package io.gatehouse.dataplane.snapshot;

import io.gatehouse.proto.config.v1.ConfigSnapshot;
import io.gatehouse.proto.signing.SnapshotSigningInput;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that a snapshot was signed by the control plane before anything of it is used: from the
 * stream, and again when the last good snapshot is read back from disk. On first contact, without
 * pinned keys, the keys the snapshot carries are trusted and remembered (trust on first use); from
 * then on a snapshot must verify with a remembered key, and the keys it carries are remembered too,
 * which is how a rotated key is taken over.
 */
final class SnapshotSignatureVerifier {

    private static final String JCA_ES256 = "SHA256withECDSAinP1363Format";

    private final SnapshotKeyStore trusted;

    SnapshotSignatureVerifier(SnapshotKeyStore trusted) {
        this.trusted = trusted;
    }

    /** @throws InvalidSnapshotException if the snapshot is unsigned or its signature does not verify */
    void verifyFromControlPlane(ConfigSnapshot snapshot) {
        Map<String, PublicKey> carried = ControlPlaneKeys.of(snapshot);
        boolean firstContact = !trusted.isPinned() && trusted.isEmpty();
        PublicKey key = firstContact ? carried.get(snapshot.getSignature().getKeyId()) : trustedKey(snapshot);
        check(snapshot, key);
        try {
            trusted.learn(carried);
        } catch (IOException e) {
            throw new InvalidSnapshotException("the control plane's keys cannot be saved (" + e.getMessage()
                    + "); without them a restart could not check the last good snapshot");
        }
    }

    /** @throws InvalidSnapshotException if the stored snapshot does not verify with a trusted key */
    void verifyFromDisk(ConfigSnapshot snapshot) {
        check(snapshot, trustedKey(snapshot));
    }

    private PublicKey trustedKey(ConfigSnapshot snapshot) {
        String keyId = snapshot.getSignature().getKeyId();
        Optional<PublicKey> key = trusted.key(keyId);
        if (key.isEmpty()) {
            throw new InvalidSnapshotException("signed with key '" + keyId + "', which is not among " + trusted.describe()
                    + "; if the control plane was re-keyed on purpose, update the pinned keys or delete the learned"
                    + " keys file and restart this data plane");
        }
        return key.get();
    }

    private static void check(ConfigSnapshot snapshot, PublicKey key) {
        if (!snapshot.hasSignature() || snapshot.getSignature().getSignature().isEmpty()) {
            throw new InvalidSnapshotException("the snapshot is not signed; data planes only apply snapshots signed by"
                    + " the control plane");
        }
        if (key == null) {
            throw new InvalidSnapshotException("signed with key '" + snapshot.getSignature().getKeyId()
                    + "', which the snapshot does not carry");
        }
        try {
            Signature verifier = Signature.getInstance(JCA_ES256);
            verifier.initVerify(key);
            verifier.update(SnapshotSigningInput.of(snapshot));
            if (!verifier.verify(snapshot.getSignature().getSignature().toByteArray())) {
                throw new InvalidSnapshotException("the signature does not match the content (key '"
                        + snapshot.getSignature().getKeyId() + "'): the snapshot was changed after it was signed");
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidSnapshotException("the signature cannot be checked: " + e.getMessage());
        }
    }
}
