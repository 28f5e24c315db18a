package io.gatehouse.dataplane.assertion;

import jakarta.enterprise.context.ApplicationScoped;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The EC P-256 key this data-plane process signs identity assertions with. Made at start-up and kept in
 * memory only: the control plane gets the public half on the config stream and publishes it; a restart
 * makes a new key. The key id is derived from the public key, as the control plane checks.
 */
@ApplicationScoped
public class AssertionSigningKey {

    private static final int KID_DIGEST_BYTES = 16;

    private final KeyPair keyPair;
    private final String kid;

    public AssertionSigningKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.keyPair = generator.generateKeyPair();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyPair.getPublic().getEncoded());
            this.kid = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, KID_DIGEST_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make EC P-256 keys: " + e.getMessage(), e);
        }
    }

    public String kid() {
        return kid;
    }

    /** X.509 SubjectPublicKeyInfo (DER). */
    public byte[] publicKeyInfo() {
        return keyPair.getPublic().getEncoded();
    }

    PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    @Override
    public String toString() {
        return "AssertionSigningKey[kid=" + kid + "]";
    }
}
