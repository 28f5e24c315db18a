package io.gatehouse.dataplane.ratelimit;

import io.gatehouse.dataplane.policy.Identity;
import io.gatehouse.dataplane.policy.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces each identity's rate limit with a token bucket on this data plane (replicas count on their
 * own, so N replicas behind a balancer allow up to N times the limit: size limits per replica). A
 * bucket starts full; a changed limit starts a new bucket.
 */
@ApplicationScoped
public class IdentityRateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @throws RateLimitedException when the identity has no call left right now */
    public void acquire(Identity identity, long nowNanos) {
        RateLimit limit = identity.rateLimit();
        if (limit == null) {
            return;
        }
        Bucket bucket = buckets.compute(identity.name(),
                (name, existing) -> existing != null && existing.limit.equals(limit) ? existing : new Bucket(limit, nowNanos));
        long waitNanos = bucket.take(nowNanos);
        if (waitNanos > 0) {
            long retryAfterSeconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            throw new RateLimitedException("identity '" + identity.name() + "' may make " + limit.requests()
                    + " calls per " + limit.per() + " (bursts of " + limit.burst() + "); retry after " + retryAfterSeconds
                    + " s", retryAfterSeconds);
        }
    }

    private static final class Bucket {

        private final RateLimit limit;
        private final double refillPerNano;
        private double tokens;
        private long updatedNanos;

        Bucket(RateLimit limit, long nowNanos) {
            this.limit = limit;
            this.refillPerNano = limit.refillPerNano();
            this.tokens = limit.burst();
            this.updatedNanos = nowNanos;
        }

        /** Takes one token; returns 0 when taken, else how long until one is available. */
        synchronized long take(long nowNanos) {
            if (nowNanos > updatedNanos) {
                tokens = Math.min(limit.burst(), tokens + (nowNanos - updatedNanos) * refillPerNano);
                updatedNanos = nowNanos;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / refillPerNano);
        }
    }
}
