package io.gatehouse.vaultbroker.repository.vault;

import io.gatehouse.vaultbroker.model.FetchedSecret;
import io.gatehouse.vaultbroker.model.KvSecretSource;
import io.gatehouse.vaultbroker.model.SecretSource;
import io.gatehouse.vaultbroker.model.StoredCredential;
import io.gatehouse.vaultbroker.model.VaultLease;
import io.gatehouse.vaultbroker.repository.SecretStore;
import io.gatehouse.vaultbroker.repository.SecretStoreUnavailableException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Credentials from Vault, cached per resource.
 * <ul>
 * <li>A cached secret is served until two thirds of its time (lease or KV ttl) have passed, then refreshed:
 * a renewable lease is renewed, otherwise the secret is read again (which picks up a rotated KV secret).</li>
 * <li>Concurrent requests that need a refresh of the same resource share one Vault call.</li>
 * <li>When Vault cannot be reached, the cached secret keeps serving until it expires; then
 * {@link SecretStoreUnavailableException}. While a valid copy is served, requests ask Vault again at most every
 * {@link #RETRY_AFTER_FAILURE} (the maintenance thread keeps trying on its own schedule).</li>
 * <li>A superseded lease is revoked once no copy handed to a data plane can still be in use.</li>
 * <li>A credential that changed (a new KV version, a new dynamic secret) is announced to {@code onRotated}. The
 * maintenance run also compares the latest version of each unpinned KV secret with the cached one (metadata only),
 * so a rotated KV secret is picked up within one maintenance interval, not only after two thirds of its ttl.</li>
 * <li>The sources can be replaced at run time ({@link #replaceSources}); new and changed ones are read first, and
 * nothing changes when one of them cannot be read.</li>
 * </ul>
 */
public class VaultSecretStore implements SecretStore {

    /** After a failed refresh, requests keep using a valid cached secret this long before asking Vault again. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(VaultSecretStore.class);

    private volatile Map<String, SecretSource> sources;
    private final VaultSecretReader reader;
    private final Consumer<String> onRotated;
    private final Set<String> metadataRefused = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final Duration waitForSharedFetch;
    private final Map<String, CachedSecret> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<CachedSecret>> inFlight = new ConcurrentHashMap<>();
    private final List<Superseded> superseded = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> nextAttempt = new ConcurrentHashMap<>();

    /** @param waitForSharedFetch how long a request waits for a Vault call another request started */
    public VaultSecretStore(Map<String, SecretSource> sources, VaultSecretReader reader, Clock clock,
            Duration waitForSharedFetch) {
        this(sources, reader, clock, waitForSharedFetch, resource -> {
        });
    }

    /** @param onRotated told the resource whose credential changed; must not block */
    public VaultSecretStore(Map<String, SecretSource> sources, VaultSecretReader reader, Clock clock,
            Duration waitForSharedFetch, Consumer<String> onRotated) {
        this.sources = Map.copyOf(sources);
        this.reader = reader;
        this.onRotated = onRotated;
        this.clock = clock;
        this.waitForSharedFetch = waitForSharedFetch;
    }

    public boolean serves(String resource) {
        return sources.containsKey(resource);
    }

    /** The current sources by resource. */
    public Map<String, SecretSource> sources() {
        return sources;
    }

    /** Whether no source is configured (nothing to maintain). */
    public boolean isEmpty() {
        return sources.isEmpty();
    }

    @Override
    public Optional<StoredCredential> find(String resource) {
        SecretSource source = sources.get(resource);
        if (source == null) {
            return Optional.empty();
        }
        CachedSecret cached = cache.get(resource);
        Instant now = clock.instant();
        boolean backingOff = cached != null && cached.usableAt(now)
                && now.isBefore(nextAttempt.getOrDefault(resource, Instant.MIN));
        if ((cached == null || cached.dueAt(now)) && !backingOff) {
            try {
                cached = refresh(source);
                nextAttempt.remove(resource);
            } catch (RuntimeException e) {
                nextAttempt.put(resource, clock.instant().plus(RETRY_AFTER_FAILURE));
                if (cached == null || !cached.usableAt(clock.instant())) {
                    throw new SecretStoreUnavailableException("Vault cannot provide the credential of resource '"
                            + resource + "' (" + source.readPath() + ") and no valid cached copy is left: "
                            + describe(e), null);
                }
                LOG.warnf("serving the cached credential of resource '%s' until %s: %s", resource,
                        cached.expiresAt(), describe(e));
            }
        }
        return Optional.of(issue(source, cached));
    }

    private StoredCredential issue(SecretSource source, CachedSecret cached) {
        Instant now = clock.instant();
        Duration left = Duration.between(now, cached.expiresAt());
        if (left.isNegative() || left.isZero()) {
            throw new SecretStoreUnavailableException("the credential of resource '" + source.resource()
                    + "' has expired", null);
        }
        Duration lease = left.compareTo(source.ttl()) < 0 ? left : source.ttl();
        cached.issuedUntil(now.plus(lease));
        try {
            return new StoredCredential(cached.secret().copy(), lease);
        } catch (IllegalStateException cleared) {
            // superseded and wiped between lookup and copy: the new one is in the cache
            return issue(source, cache.get(source.resource()));
        }
    }

    /** Refreshes the secret of {@code source}, or waits for the refresh another request started. */
    CachedSecret refresh(SecretSource source) {
        CompletableFuture<CachedSecret> mine = new CompletableFuture<>();
        CompletableFuture<CachedSecret> running = inFlight.putIfAbsent(source.resource(), mine);
        if (running != null) {
            return await(running);
        }
        try {
            CachedSecret fresh = fetchOrRenew(source);
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(source.resource(), mine);
        }
    }

    private CachedSecret await(CompletableFuture<CachedSecret> running) {
        try {
            return running.get(waitForSharedFetch.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new VaultUnreachableException("the Vault call failed");
        } catch (TimeoutException e) {
            throw new VaultUnreachableException("the Vault call another request started did not finish in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultUnreachableException("interrupted while waiting for Vault");
        }
    }

    private CachedSecret fetchOrRenew(SecretSource source) {
        CachedSecret current = cache.get(source.resource());
        Instant now = clock.instant();
        if (current != null && current.usableAt(now) && current.lease().map(VaultLease::renewable).orElse(false)) {
            Optional<CachedSecret> renewed = renew(source, current, now);
            if (renewed.isPresent()) {
                return renewed.get();
            }
        }
        FetchedSecret fetched = reader.read(source);
        CachedSecret fresh = CachedSecret.of(fetched, source, clock.instant());
        CachedSecret previous = cache.put(source.resource(), fresh);
        LOG.infof("read the credential of resource '%s' from Vault (%s)%s", source.resource(), source.readPath(),
                fetched.lease().map(lease -> ", lease " + lease.leaseId() + " for " + lease.duration()).orElse(""));
        if (previous != null) {
            boolean rotated = !previous.secret().isCleared() && !previous.secret().sameValueAs(fresh.secret());
            supersede(source, previous);
            if (rotated) {
                LOG.infof("the credential of resource '%s' changed in Vault; announcing the rotation", source.resource());
                onRotated.accept(source.resource());
            }
        }
        return fresh;
    }

    private Optional<CachedSecret> renew(SecretSource source, CachedSecret current, Instant now) {
        VaultLease lease = current.lease().orElseThrow();
        try {
            VaultLease renewal = reader.renew(lease, current.originalLeaseDuration());
            if (current.renewalTooShort(renewal)) {
                LOG.infof("lease %s of resource '%s' is near its maximum TTL; reading a new credential",
                        lease.leaseId(), source.resource());
                return Optional.empty();
            }
            CachedSecret renewed = current.renewed(renewal, now);
            cache.put(source.resource(), renewed);
            LOG.debugf("renewed lease %s of resource '%s' for %s", lease.leaseId(), source.resource(), renewal.duration());
            return Optional.of(renewed);
        } catch (VaultRequestException | VaultSecretFormatException e) {
            LOG.infof("lease %s of resource '%s' could not be renewed (%s); reading a new credential",
                    lease.leaseId(), source.resource(), e.getMessage());
            return Optional.empty();
        }
    }

    private void supersede(SecretSource source, CachedSecret previous) {
        previous.lease().ifPresent(lease -> superseded.add(new Superseded(source.resource(), lease,
                previous.issuedUntil(), previous.expiresAt())));
        previous.secret().clear();
    }

    /**
     * Periodic work: refreshes secrets that are due (so leases are renewed and rotations picked up without
     * waiting for a request) and revokes superseded leases no data plane can still use.
     */
    public void maintain() {
        for (SecretSource source : sources.values()) {
            CachedSecret cached = cache.get(source.resource());
            if (cached != null && (cached.dueAt(clock.instant()) || newerKvVersion(source, cached))) {
                try {
                    refresh(source);
                } catch (RuntimeException e) {
                    LOG.warnf("could not refresh the credential of resource '%s': %s", source.resource(), describe(e));
                }
            }
        }
        revokeSuperseded(false);
    }

    /** Whether Vault holds a newer version of an unpinned KV secret than the cached one. */
    private boolean newerKvVersion(SecretSource source, CachedSecret cached) {
        if (!(source instanceof KvSecretSource kv) || kv.version() != null || cached.kvVersion().isEmpty()
                || metadataRefused.contains(source.resource())) {
            return false;
        }
        try {
            return reader.currentKvVersion(kv) > cached.kvVersion().getAsInt();
        } catch (VaultRequestException e) {
            metadataRefused.add(source.resource());
            LOG.infof("Vault refuses the metadata of resource '%s' (%s): its rotations are picked up when the cached"
                    + " copy is refreshed, after two thirds of its ttl; allow read on %s to pick them up sooner",
                    source.resource(), e.getMessage(), kv.metadataPath());
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Replaces the sources. New and changed sources are read first; if any of them cannot be read nothing changes
     * and the problems are returned. A source whose place changed is announced as rotated. When Vault cannot be
     * reached the sources are taken as they are and read on first use.
     *
     * @return one line per source Vault refused or that lacks a key, naming the resource and path
     */
    public synchronized List<String> replaceSources(Map<String, SecretSource> wanted) {
        Map<String, SecretSource> current = sources;
        Map<String, CachedSecret> staged = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (SecretSource source : wanted.values()) {
            if (source.equals(current.get(source.resource()))) {
                continue;
            }
            try {
                staged.put(source.resource(), CachedSecret.of(reader.read(source), source, clock.instant()));
            } catch (VaultRequestException | VaultSecretFormatException e) {
                problems.add("resource '" + source.resource() + "': " + source.readPath() + " cannot be read: "
                        + e.getMessage());
            } catch (VaultUnreachableException e) {
                LOG.warnf("Vault cannot be reached to check the source of resource '%s' (%s); it is read on first use",
                        source.resource(), e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            staged.forEach((resource, cached) -> discard(resource, cached));
            return problems;
        }
        sources = Map.copyOf(wanted);
        for (String resource : current.keySet()) {
            if (!wanted.containsKey(resource) || !wanted.get(resource).equals(current.get(resource))) {
                CachedSecret previous = cache.remove(resource);
                if (previous != null) {
                    supersede(current.get(resource), previous);
                }
                metadataRefused.remove(resource);
                if (wanted.containsKey(resource)) {
                    onRotated.accept(resource);
                }
            }
        }
        staged.forEach(cache::put);
        return List.of();
    }

    /** Drops a secret read only to check its source: wiped, and its lease revoked at once. */
    private void discard(String resource, CachedSecret cached) {
        cached.secret().clear();
        cached.lease().ifPresent(lease -> {
            try {
                reader.revoke(lease);
            } catch (RuntimeException e) {
                LOG.warnf("could not revoke lease %s read to check resource '%s': %s", lease.leaseId(), resource, describe(e));
            }
        });
    }

    private void revokeSuperseded(boolean all) {
        Instant now = clock.instant();
        for (Superseded old : superseded) {
            if (!all && now.isBefore(old.revokeAt())) {
                continue;
            }
            if (!now.isBefore(old.expiresAt())) {
                superseded.remove(old);
                continue;
            }
            try {
                reader.revoke(old.lease());
                superseded.remove(old);
                LOG.infof("revoked lease %s of resource '%s'", old.lease().leaseId(), old.resource());
            } catch (RuntimeException e) {
                LOG.warnf("could not revoke lease %s of resource '%s' (will retry): %s", old.lease().leaseId(),
                        old.resource(), describe(e));
            }
        }
    }

    /**
     * Validates every source by reading it (which also fills the cache).
     *
     * @return one line per source Vault refused or that lacks a key, naming the resource and path
     * @throws VaultUnreachableException when Vault cannot be reached at all
     */
    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        for (SecretSource source : sources.values()) {
            try {
                refresh(source);
            } catch (VaultRequestException | VaultSecretFormatException e) {
                problems.add("resource '" + source.resource() + "': " + source.readPath() + " cannot be read: "
                        + e.getMessage());
            }
        }
        return problems;
    }

    /** Stops: revokes every lease this broker holds when {@code revoke}, and wipes every cached secret. */
    public void shutdown(boolean revoke) {
        if (revoke) {
            cache.forEach((resource, cached) -> cached.lease().ifPresent(lease -> superseded.add(
                    new Superseded(resource, lease, clock.instant(), cached.expiresAt()))));
            revokeSuperseded(true);
        }
        cache.values().forEach(cached -> cached.secret().clear());
        cache.clear();
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private record Superseded(String resource, VaultLease lease, Instant revokeAt, Instant expiresAt) {
    }
}
