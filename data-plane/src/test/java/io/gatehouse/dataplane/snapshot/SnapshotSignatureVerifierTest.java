package io.gatehouse.dataplane.snapshot;

import com.google.protobuf.ByteString;
import io.gatehouse.proto.config.v1.ConfigSnapshot;
import io.gatehouse.proto.config.v1.Identity;
import io.gatehouse.proto.config.v1.SigningPublicKey;
import io.gatehouse.proto.config.v1.SnapshotSignature;
import io.gatehouse.proto.signing.SnapshotSigningInput;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotSignatureVerifierTest {

    private static final KeyPair CONTROL_PLANE = ecKey();
    private static final KeyPair ATTACKER = ecKey();

    @TempDir
    Path stateDir;

    @Test
    void theFirstSnapshotsKeysAreLearnedAndLaterSnapshotsMustVerifyWithThem() throws Exception {
        SnapshotSignatureVerifier verifier = new SnapshotSignatureVerifier(SnapshotKeyStore.learned(stateDir));

        verifier.verifyFromControlPlane(signed(snapshot("v1"), "cp-key", CONTROL_PLANE, "cp-key", CONTROL_PLANE));
        assertTrue(Files.exists(stateDir.resolve(SnapshotKeyStore.LEARNED_FILE)));

        assertDoesNotThrow(() -> verifier.verifyFromControlPlane(signed(snapshot("v2"), "cp-key", CONTROL_PLANE, "cp-key", CONTROL_PLANE)));
        InvalidSnapshotException impostor = assertThrows(InvalidSnapshotException.class,
                () -> verifier.verifyFromControlPlane(signed(snapshot("v3"), "evil", ATTACKER, "evil", ATTACKER)));
        assertTrue(impostor.getMessage().contains("not among"), impostor.getMessage());
    }

    @Test
    void aChangedUnsignedOrForgedSnapshotIsRefused() throws Exception {
        SnapshotSignatureVerifier verifier = new SnapshotSignatureVerifier(SnapshotKeyStore.learned(stateDir));
        ConfigSnapshot good = signed(snapshot("v1"), "cp-key", CONTROL_PLANE, "cp-key", CONTROL_PLANE);
        verifier.verifyFromControlPlane(good);

        ConfigSnapshot changed = good.toBuilder().setIdentities(0, good.getIdentities(0).toBuilder().setName("someone-else")).build();
        InvalidSnapshotException tampered = assertThrows(InvalidSnapshotException.class, () -> verifier.verifyFromControlPlane(changed));
        assertTrue(tampered.getMessage().contains("changed after it was signed"), tampered.getMessage());

        assertThrows(InvalidSnapshotException.class, () -> verifier.verifyFromControlPlane(good.toBuilder().clearSignature().build()));
        // the attacker's signature under the control plane's key id
        assertThrows(InvalidSnapshotException.class,
                () -> verifier.verifyFromControlPlane(signed(snapshot("v4"), "cp-key", ATTACKER, "cp-key", CONTROL_PLANE)));
    }

    @Test
    void theNonceIsNotSignedSoEveryStreamCanCarryItsOwn() throws Exception {
        SnapshotSignatureVerifier verifier = new SnapshotSignatureVerifier(SnapshotKeyStore.learned(stateDir));
        ConfigSnapshot signed = signed(snapshot("v1"), "cp-key", CONTROL_PLANE, "cp-key", CONTROL_PLANE);

        assertDoesNotThrow(() -> verifier.verifyFromControlPlane(signed.toBuilder().setNonce("another-nonce").build()));
    }

    @Test
    void aStoredSnapshotIsCheckedWithTheRememberedKeysAfterARestart() throws Exception {
        ConfigSnapshot good = signed(snapshot("v1"), "cp-key", CONTROL_PLANE, "cp-key", CONTROL_PLANE);
        new SnapshotSignatureVerifier(SnapshotKeyStore.learned(stateDir)).verifyFromControlPlane(good);

        SnapshotSignatureVerifier afterRestart = new SnapshotSignatureVerifier(SnapshotKeyStore.learned(stateDir));

        assertDoesNotThrow(() -> afterRestart.verifyFromDisk(good));
        ConfigSnapshot edited = good.toBuilder().setIdentities(0, good.getIdentities(0).toBuilder()
                .setStatus(io.gatehouse.proto.config.v1.IdentityStatus.IDENTITY_STATUS_ACTIVE)).build();
        assertThrows(InvalidSnapshotException.class, () -> afterRestart.verifyFromDisk(edited));
        ConfigSnapshot resigned = signed(snapshot("v1"), "evil", ATTACKER, "evil", ATTACKER);
        assertThrows(InvalidSnapshotException.class, () -> afterRestart.verifyFromDisk(resigned),
                "a snapshot re-signed with a key the file carries itself is not trusted from disk");
    }

    @Test
    void pinnedKeysAreTheOnlyOnesAcceptedEvenOnFirstContact() throws Exception {
        EllipticCurveJsonWebKey pinnedKey = new EllipticCurveJsonWebKey((ECPublicKey) CONTROL_PLANE.getPublic());
        pinnedKey.setKeyId("cp-key");
        Path jwks = stateDir.resolve("pinned.jwks.json");
        Files.writeString(jwks, new JsonWebKeySet(pinnedKey).toJson());
        SnapshotSignatureVerifier verifier = new SnapshotSignatureVerifier(SnapshotKeyStore.pinned(jwks));

        assertThrows(InvalidSnapshotException.class,
                () -> verifier.verifyFromControlPlane(signed(snapshot("v1"), "evil", ATTACKER, "evil", ATTACKER)));
        assertDoesNotThrow(() -> verifier.verifyFromControlPlane(signed(snapshot("v1"), "cp-key", CONTROL_PLANE, "cp-key", CONTROL_PLANE)));
        assertFalse(Files.exists(stateDir.resolve(SnapshotKeyStore.LEARNED_FILE)), "pinned keys learn nothing");
    }

    private static ConfigSnapshot snapshot(String version) {
        return ConfigSnapshot.newBuilder().setVersion(version).setNonce("n-" + version)
                .addIdentities(Identity.newBuilder().setName("deploy-bot")
                        .setStatus(io.gatehouse.proto.config.v1.IdentityStatus.IDENTITY_STATUS_SUSPENDED))
                .build();
    }

    /** Carries {@code carriedKeyId}/{@code carried}'s public key and a signature by {@code signer} named {@code keyId}. */
    private static ConfigSnapshot signed(ConfigSnapshot snapshot, String keyId, KeyPair signer, String carriedKeyId,
                                         KeyPair carried) throws GeneralSecurityException {
        ConfigSnapshot withKey = snapshot.toBuilder().addSigningKeys(SigningPublicKey.newBuilder().setKeyId(carriedKeyId)
                .setAlgorithm("ES256").setPublicKey(ByteString.copyFrom(carried.getPublic().getEncoded()))).build();
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        signature.initSign(signer.getPrivate());
        signature.update(SnapshotSigningInput.of(withKey));
        return withKey.toBuilder().setSignature(SnapshotSignature.newBuilder().setKeyId(keyId)
                .setSignature(ByteString.copyFrom(signature.sign()))).build();
    }

    private static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
