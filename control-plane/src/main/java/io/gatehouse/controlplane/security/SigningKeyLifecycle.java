package io.gatehouse.controlplane.security;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.SigningKeyState;
import io.gatehouse.controlplane.model.SigningKeyEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The transitions of the signing keys, made in PostgreSQL under a transaction-scoped advisory lock so that
 * replicas never disagree on which key is current: a rotation creates a {@code next} key; after the
 * publish-ahead time it becomes {@code current} and the key it replaces {@code retired}; after the retire-after
 * time a retired key is {@code archived} (unpublished, private half erased). Replicas see the result when they
 * reload ({@link SigningKeys#reload()}). Created at start, so that inconsistent rotation settings stop the start.
 */
@Startup
@ApplicationScoped
public class SigningKeyLifecycle {

    private static final Logger LOG = Logger.getLogger(SigningKeyLifecycle.class);
    private static final long KEY_SET_LOCK = 0x6761746568L;

    private final ControlPlaneConfig.KeyRotation rotation;

    public SigningKeyLifecycle(ControlPlaneConfig config) {
        this.rotation = config.keyRotation();
        Duration tokenLifetime = config.tokens().lifetime();
        if (rotation.publishAhead().compareTo(rotation.reloadInterval()) <= 0) {
            throw new IllegalStateException("gatehouse.control-plane.signing-keys.publish-ahead (" + rotation.publishAhead()
                    + ") must be longer than signing-keys.reload-interval (" + rotation.reloadInterval()
                    + "): every replica must publish a new key before any of them signs with it");
        }
        if (rotation.retireAfter().compareTo(tokenLifetime.plus(rotation.reloadInterval())) < 0) {
            throw new IllegalStateException("gatehouse.control-plane.signing-keys.retire-after (" + rotation.retireAfter()
                    + ") must be at least tokens.lifetime plus signing-keys.reload-interval (" + tokenLifetime.plus(
                    rotation.reloadInterval()) + "), or tokens signed just before a rotation would stop verifying"
                    + " before they expire");
        }
        if (rotation.rotateEvery().isNegative()) {
            throw new IllegalStateException("gatehouse.control-plane.signing-keys.rotate-every must not be negative;"
                    + " use 0 to rotate only on request");
        }
    }

    /**
     * Starts a rotation. Normally the new key is only published ({@code next}) and signs after the publish-ahead
     * time. {@code immediate}: it signs at once and the current key is retired now (for a key that must stop
     * signing, e.g. one that leaked); a waiting next key, which never signed anything, is dropped.
     *
     * @return the new key's id
     * @throws SigningKeyRotationConflictException when a normal rotation is already under way
     */
    public String rotate(boolean immediate, Instant requestedAt) {
        Instant now = storable(requestedAt);
        SigningKeyEntity created = QuarkusTransaction.requiringNew().call(() -> {
            lockKeySet();
            Optional<SigningKeyEntity> next = inState(SigningKeyState.NEXT).stream().findFirst();
            if (!immediate) {
                if (next.isPresent()) {
                    throw new SigningKeyRotationConflictException("a rotation is already under way: key " + next.get().kid
                            + " becomes current at " + next.get().createdAt.plus(rotation.publishAhead())
                            + "; wait for it, or rotate with immediate=true to replace the current key now");
                }
                return create(SigningKeyState.NEXT, now);
            }
            next.ifPresent(SigningKeyEntity::delete);
            SigningKeyEntity.flush();
            inState(SigningKeyState.CURRENT).forEach(current -> retire(current, now));
            SigningKeyEntity.flush();
            return create(SigningKeyState.CURRENT, now);
        });
        LOG.infof("signing key rotation started: key %s is %s", created.kid, created.state);
        return created.kid;
    }

    /**
     * Applies the transitions that are due at {@code now}: a next key published long enough becomes current,
     * retired keys past retire-after are archived, and with automatic rotation a current key that signed for
     * {@code rotate-every} gets its successor. @return whether anything changed
     */
    public boolean advance(Instant at) {
        Instant now = storable(at);
        return QuarkusTransaction.requiringNew().call(() -> {
            lockKeySet();
            boolean changed = false;
            for (SigningKeyEntity next : inState(SigningKeyState.NEXT)) {
                if (!next.createdAt.plus(rotation.publishAhead()).isAfter(now)) {
                    inState(SigningKeyState.CURRENT).forEach(current -> retire(current, now));
                    SigningKeyEntity.flush();
                    next.state = SigningKeyState.CURRENT.column();
                    next.activatedAt = now;
                    LOG.infof("signing key %s is now current", next.kid);
                    changed = true;
                }
            }
            for (SigningKeyEntity retired : inState(SigningKeyState.RETIRED)) {
                if (!retired.retiredAt.plus(rotation.retireAfter()).isAfter(now)) {
                    retired.state = SigningKeyState.ARCHIVED.column();
                    retired.archivedAt = now;
                    retired.privateKey = null;
                    LOG.infof("signing key %s is archived: no longer published, kept to verify what it signed", retired.kid);
                    changed = true;
                }
            }
            if (rotation.rotateEvery().compareTo(Duration.ZERO) > 0 && inState(SigningKeyState.NEXT).isEmpty()) {
                for (SigningKeyEntity current : inState(SigningKeyState.CURRENT)) {
                    Instant since = current.activatedAt == null ? current.createdAt : current.activatedAt;
                    if (!since.plus(rotation.rotateEvery()).isAfter(now)) {
                        SigningKeyEntity next = create(SigningKeyState.NEXT, now);
                        LOG.infof("automatic rotation: key %s signed for %s; key %s is published and signs from %s",
                                current.kid, rotation.rotateEvery(), next.kid, now.plus(rotation.publishAhead()));
                        changed = true;
                    }
                }
            }
            return changed;
        });
    }

    /** PostgreSQL keeps microseconds (rounding the rest), so times compared after a reload are cut to those. */
    private static Instant storable(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    /** Serializes changes of the key set across replicas until the current transaction ends. */
    static void lockKeySet() {
        SigningKeyEntity.getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(" + KEY_SET_LOCK + ")")
                .getSingleResult();
    }

    static SigningKeyEntity create(SigningKeyState state, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            SigningKeyEntity entity = new SigningKeyEntity();
            entity.kid = "cp-" + UUID.randomUUID();
            entity.algorithm = SigningKey.ALGORITHM;
            entity.privateKey = pair.getPrivate().getEncoded();
            entity.publicKey = pair.getPublic().getEncoded();
            entity.createdAt = storable(now);
            entity.state = state.column();
            entity.activatedAt = state == SigningKeyState.CURRENT ? entity.createdAt : null;
            entity.persist();
            LOG.infof("created signing key %s (%s)", entity.kid, entity.state);
            return entity;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create an EC P-256 signing key: " + e.getMessage(), e);
        }
    }

    private static void retire(SigningKeyEntity key, Instant now) {
        key.state = SigningKeyState.RETIRED.column();
        key.retiredAt = now;
    }

    private static List<SigningKeyEntity> inState(SigningKeyState state) {
        return SigningKeyEntity.list("state", state.column());
    }
}
