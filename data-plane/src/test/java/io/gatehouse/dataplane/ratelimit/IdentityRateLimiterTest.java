package io.gatehouse.dataplane.ratelimit;

import io.gatehouse.dataplane.policy.Identity;
import io.gatehouse.dataplane.policy.IdentityStatus;
import io.gatehouse.dataplane.policy.RateLimit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentityRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final IdentityRateLimiter limiter = new IdentityRateLimiter();

    @Test
    void aBurstPassesThenTheCallerWaitsForTheRefill() {
        Identity bot = identity("bot", new RateLimit(2, Duration.ofSeconds(10), 3));
        long now = 1_000 * SECOND;
        for (int call = 0; call < 3; call++) {
            limiter.acquire(bot, now);
        }

        RateLimitedException refused = assertThrows(RateLimitedException.class, () -> limiter.acquire(bot, now));
        assertEquals(5, refused.retryAfterSeconds(), "one token comes back every 5 s");
        assertTrue(refused.getMessage().contains("2 calls per PT10S"), refused.getMessage());

        assertThrows(RateLimitedException.class, () -> limiter.acquire(bot, now + 4 * SECOND));
        assertDoesNotThrow(() -> limiter.acquire(bot, now + 5 * SECOND));
        assertThrows(RateLimitedException.class, () -> limiter.acquire(bot, now + 5 * SECOND));
    }

    @Test
    void aLongPauseRefillsOnlyUpToTheBurst() {
        Identity bot = identity("bot", new RateLimit(10, Duration.ofSeconds(1), 2));
        limiter.acquire(bot, 0);
        long muchLater = 3_600 * SECOND;
        limiter.acquire(bot, muchLater);
        limiter.acquire(bot, muchLater);

        assertThrows(RateLimitedException.class, () -> limiter.acquire(bot, muchLater));
    }

    @Test
    void identitiesCountSeparatelyAndAChangedLimitStartsAFreshBucket() {
        Identity first = identity("first", new RateLimit(1, Duration.ofMinutes(1), 1));
        Identity second = identity("second", new RateLimit(1, Duration.ofMinutes(1), 1));
        limiter.acquire(first, 0);
        assertThrows(RateLimitedException.class, () -> limiter.acquire(first, 0));

        assertDoesNotThrow(() -> limiter.acquire(second, 0));
        assertDoesNotThrow(() -> limiter.acquire(identity("first", new RateLimit(5, Duration.ofMinutes(1), 5)), 0));
    }

    @Test
    void withoutALimitEveryCallPasses() {
        Identity unlimited = identity("free", null);
        for (int call = 0; call < 10_000; call++) {
            limiter.acquire(unlimited, 0);
        }
    }

    private static Identity identity(String name, RateLimit limit) {
        return new Identity(name, "IDENTITY_KIND_SERVICE", "tests", Instant.now().plusSeconds(3600), IdentityStatus.ACTIVE,
                List.of(), "platform", limit);
    }
}
