package io.gatehouse.controlplane.security;

import io.gatehouse.controlplane.model.SigningKeyEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The control plane's signing keys, kept in PostgreSQL so that every replica and every restart signs with
 * the same key and verifiers keep trusting tokens already issued. The first start creates a P-256 key.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    private static final long CREATE_LOCK = 0x6761746568L;
    private static final String ALGORITHM = "SHA256withECDSAinP1363Format";

    private final List<SigningKey> keys;

    public SigningKeys(Clock clock) {
        List<SigningKey> loaded = QuarkusTransaction.requiringNew().call(() -> {
            // replicas starting together must not each create a key the others do not know
            SigningKeyEntity.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(" + CREATE_LOCK + ")")
                    .getSingleResult();
            if (SigningKeyEntity.count() == 0) {
                create(clock.instant());
            }
            return SigningKeyEntity.<SigningKeyEntity>listAll().stream().map(SigningKeys::toKey).toList();
        });
        this.keys = loaded.stream().sorted(Comparator.comparing(SigningKey::createdAt).reversed()).toList();
        LOG.infof("signing node tokens with key %s (%d key(s) published)", current().kid(), keys.size());
    }

    /** The key new tokens are signed with: the newest. */
    public SigningKey current() {
        return keys.get(0);
    }

    /** Every key whose tokens verifiers must accept. */
    public List<SigningKey> published() {
        return keys;
    }

    /** Signs with the current key: ES256, the raw r||s form of RFC 7518. */
    public Signed sign(byte[] data) {
        SigningKey key = current();
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key.privateKey());
            signature.update(data);
            return new Signed(key.kid(), signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with key " + key.kid() + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** Whether {@code signature} over {@code data} verifies with the published key {@code kid}. */
    public boolean verify(String kid, byte[] data, byte[] signature) {
        for (SigningKey key : keys) {
            if (key.kid().equals(kid)) {
                try {
                    Signature verifier = Signature.getInstance(ALGORITHM);
                    verifier.initVerify(key.publicKey());
                    verifier.update(data);
                    return verifier.verify(signature);
                } catch (GeneralSecurityException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /** A signature and the key id that makes it. */
    public record Signed(String kid, byte[] signature) {
    }

    private static void create(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            SigningKeyEntity entity = new SigningKeyEntity();
            entity.kid = "cp-" + UUID.randomUUID();
            entity.algorithm = SigningKey.ALGORITHM;
            entity.privateKey = pair.getPrivate().getEncoded();
            entity.publicKey = pair.getPublic().getEncoded();
            entity.createdAt = now;
            entity.persist();
            LOG.infof("created signing key %s", entity.kid);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create an EC P-256 signing key: " + e.getMessage(), e);
        }
    }

    private static SigningKey toKey(SigningKeyEntity entity) {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            return new SigningKey(entity.kid,
                    (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(entity.privateKey)),
                    (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(entity.publicKey)),
                    entity.createdAt);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("signing key " + entity.kid + " in table signing_key cannot be read: "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
