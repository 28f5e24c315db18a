package io.gatehouse.dataplane.auth;

import io.gatehouse.dataplane.policy.PolicySnapshot;

import java.lang.ref.WeakReference;
import java.util.function.BiFunction;

/**
 * A verified token in the cache, with the caller it resolved to under the policy snapshot it was last used with:
 * a snapshot is immutable, so the same token resolves to the same identity until another snapshot is in force,
 * and matching it against every trust binding of its issuer (thousands, for a shared CI issuer) is done once per
 * snapshot instead of once per call. Status and expiry of the identity are judged per call by the authorizer.
 */
final class CachedToken {

    /** Weakly held: a cached token must not keep a replaced snapshot (all its identities and resources) alive. */
    private record Resolution(WeakReference<PolicySnapshot> policy, AuthenticatedCaller caller) {
    }

    private final VerifiedToken token;
    private volatile Resolution resolution;

    CachedToken(VerifiedToken token) {
        this.token = token;
    }

    VerifiedToken token() {
        return token;
    }

    /** The caller under {@code policy}: resolved with {@code resolver} unless it was under this very snapshot. */
    AuthenticatedCaller caller(PolicySnapshot policy, BiFunction<VerifiedToken, PolicySnapshot, AuthenticatedCaller> resolver) {
        Resolution last = resolution;
        if (last != null && last.policy().get() == policy) {
            return last.caller();
        }
        AuthenticatedCaller caller = resolver.apply(token, policy);
        resolution = new Resolution(new WeakReference<>(policy), caller);
        return caller;
    }
}
