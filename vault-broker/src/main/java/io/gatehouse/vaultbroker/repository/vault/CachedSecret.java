package io.gatehouse.vaultbroker.repository.vault;

import io.gatehouse.vaultbroker.model.FetchedSecret;
import io.gatehouse.vaultbroker.model.Secret;
import io.gatehouse.vaultbroker.model.SecretSource;
import io.gatehouse.vaultbroker.model.VaultLease;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The broker's copy of one resource's secret. Usable until {@code expiresAt} (the end of the Vault lease, or
 * the source's ttl for KV secrets); refreshed from {@code refreshAt} (two thirds of the way).
 */
final class CachedSecret {

    private final Secret secret;
    private final Optional<VaultLease> lease;
    private final Duration originalLeaseDuration;
    private final Instant expiresAt;
    private final Instant refreshAt;
    private Instant issuedUntil;
    private OptionalInt kvVersion = OptionalInt.empty();

    private CachedSecret(Secret secret, Optional<VaultLease> lease, Duration originalLeaseDuration, Instant from,
            Duration lifetime, Instant issuedUntil) {
        this.secret = secret;
        this.lease = lease;
        this.originalLeaseDuration = originalLeaseDuration;
        this.expiresAt = from.plus(lifetime);
        this.refreshAt = from.plus(lifetime.multipliedBy(2).dividedBy(3));
        this.issuedUntil = issuedUntil;
    }

    static CachedSecret of(FetchedSecret fetched, SecretSource source, Instant now) {
        Duration lifetime = fetched.lease().map(VaultLease::duration).filter(d -> !d.isZero()).orElse(source.ttl());
        CachedSecret cached = new CachedSecret(fetched.secret(), fetched.lease(), lifetime, now, lifetime, now);
        cached.kvVersion = fetched.kvVersion();
        return cached;
    }

    /** The same secret under a renewed lease. */
    CachedSecret renewed(VaultLease renewal, Instant now) {
        return new CachedSecret(secret, Optional.of(renewal), originalLeaseDuration, now, renewal.duration(), issuedUntil);
    }

    /** The KV version this copy was read from, when it is a KV secret. */
    OptionalInt kvVersion() {
        return kvVersion;
    }

    /** Whether a renewal granted so little that the secret should be replaced (its max TTL is near). */
    boolean renewalTooShort(VaultLease renewal) {
        return renewal.duration().multipliedBy(3).compareTo(originalLeaseDuration) < 0;
    }

    Secret secret() {
        return secret;
    }

    Optional<VaultLease> lease() {
        return lease;
    }

    Duration originalLeaseDuration() {
        return originalLeaseDuration;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    boolean usableAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    boolean dueAt(Instant now) {
        return !now.isBefore(refreshAt);
    }

    /** Records that a copy was handed out until {@code until}, so a superseded lease is revoked only after it. */
    synchronized void issuedUntil(Instant until) {
        if (until.isAfter(issuedUntil)) {
            issuedUntil = until;
        }
    }

    synchronized Instant issuedUntil() {
        return issuedUntil;
    }
}
