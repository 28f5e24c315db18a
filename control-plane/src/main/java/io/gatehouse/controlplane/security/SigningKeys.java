package io.gatehouse.controlplane.security;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.SigningKeyState;
import io.gatehouse.controlplane.model.SigningKeyEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * This replica's view of the control plane's signing keys, kept in PostgreSQL so that every replica and every
 * restart signs with the same key and verifiers keep trusting what was already signed. The view is re-read
 * periodically (see {@link io.gatehouse.controlplane.service.SigningKeyReloader}) and when a signature names a key it does not know; the
 * transitions themselves are made by {@link SigningKeyLifecycle}. The first start creates a P-256 key.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    private static final String JCA_ALGORITHM = "SHA256withECDSAinP1363Format";
    private static final Duration UNKNOWN_KID_RELOAD_INTERVAL = Duration.ofSeconds(1);

    private final Clock clock;
    private final Duration publishAhead;
    private volatile List<SigningKey> keys;
    private volatile Instant lastReload = Instant.EPOCH;

    public SigningKeys(Clock clock, ControlPlaneConfig config) {
        this.clock = clock;
        this.publishAhead = config.keyRotation().publishAhead();
        QuarkusTransaction.requiringNew().run(() -> {
            SigningKeyLifecycle.lockKeySet();
            if (SigningKeyEntity.count() == 0) {
                SigningKeyLifecycle.create(SigningKeyState.CURRENT, clock.instant());
            }
        });
        reload();
        LOG.infof("signing with key %s (%d key(s) published)", current().kid(), published().size());
    }

    /** Re-reads the key set. @return whether what is published or who signs changed */
    public boolean reload() {
        String before = keys == null ? "" : fingerprint();
        List<SigningKey> loaded = QuarkusTransaction.requiringNew().call(() -> SigningKeyEntity.<SigningKeyEntity>listAll()
                .stream().map(SigningKeys::toKey).toList());
        if (loaded.stream().noneMatch(key -> key.state() == SigningKeyState.CURRENT)) {
            throw new IllegalStateException("table signing_key has no current key; it was changed outside the control plane");
        }
        keys = loaded.stream().sorted(Comparator.comparing(SigningKey::createdAt).reversed()).toList();
        lastReload = clock.instant();
        return !before.equals(fingerprint());
    }

    /** The key new tokens, audit checkpoints and retention cuts are signed with. */
    public SigningKey current() {
        return keys.stream().filter(key -> key.state() == SigningKeyState.CURRENT).findFirst().orElseThrow();
    }

    /** Every key whose signatures verifiers must accept: next, current and retired keys, newest first. */
    public List<SigningKey> published() {
        return keys.stream().filter(key -> key.state().published()).toList();
    }

    /** Every key, archived ones included, newest first. */
    public List<SigningKey> all() {
        return keys;
    }

    /**
     * The key snapshots are signed with. Normally the current key; but a key made current at once (an immediate
     * rotation) has not reached the data planes yet, and a data plane only takes over keys carried by a snapshot
     * it can verify. Until the new key has been published for the publish-ahead time, snapshots stay signed by
     * the key it replaced, so that they carry the new key to every data plane along a chain of trust.
     */
    public SigningKey snapshotSigner() {
        SigningKey current = current();
        Instant knownFrom = current.createdAt().plus(publishAhead);
        Instant activatedAt = current.activatedAt() == null ? current.createdAt() : current.activatedAt();
        if (!knownFrom.isAfter(activatedAt) || !knownFrom.isAfter(clock.instant())) {
            return current;
        }
        return keys.stream()
                .filter(key -> key.state() == SigningKeyState.RETIRED && key.privateKey() != null)
                .filter(key -> activatedAt.equals(key.retiredAt()))
                .findFirst()
                .orElse(current);
    }

    /**
     * What data planes must be told again when it changes: the published keys, their states and the snapshot
     * signer.
     */
    public String fingerprint() {
        return published().stream().map(key -> key.kid() + ":" + key.state().column()).collect(Collectors.joining(","))
                + ";" + snapshotSigner().kid();
    }

    /** Signs with the current key: ES256, the raw r||s form of RFC 7518. */
    public Signed sign(byte[] data) {
        return sign(current(), data);
    }

    /** Signs with {@code key}, which must be one of the keys that still have their private half. */
    public Signed sign(SigningKey key, byte[] data) {
        if (key.privateKey() == null) {
            throw new IllegalStateException("signing key " + key.kid() + " is archived and cannot sign");
        }
        try {
            Signature signature = Signature.getInstance(JCA_ALGORITHM);
            signature.initSign(key.privateKey());
            signature.update(data);
            return new Signed(key.kid(), signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with key " + key.kid() + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Whether {@code signature} over {@code data} verifies with key {@code kid}, archived keys included: historical
     * audit checkpoints and retention cuts stay verifiable. A key this replica does not know yet (another replica
     * created it) is looked up in the database first.
     */
    public boolean verify(String kid, byte[] data, byte[] signature) {
        Optional<SigningKey> key = find(kid);
        if (key.isEmpty() && lastReload.plus(UNKNOWN_KID_RELOAD_INTERVAL).isBefore(clock.instant())) {
            reload();
            key = find(kid);
        }
        if (key.isEmpty()) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(JCA_ALGORITHM);
            verifier.initVerify(key.get().publicKey());
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private Optional<SigningKey> find(String kid) {
        return keys.stream().filter(key -> key.kid().equals(kid)).findFirst();
    }

    /** A signature and the key id that makes it. */
    public record Signed(String kid, byte[] signature) {
    }

    private static SigningKey toKey(SigningKeyEntity entity) {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECPrivateKey privateKey = entity.privateKey == null ? null
                    : (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(entity.privateKey));
            return new SigningKey(entity.kid, privateKey,
                    (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(entity.publicKey)),
                    entity.createdAt, SigningKeyState.ofColumn(entity.state), entity.activatedAt, entity.retiredAt,
                    entity.archivedAt);
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalStateException("signing key " + entity.kid + " in table signing_key cannot be read: "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
