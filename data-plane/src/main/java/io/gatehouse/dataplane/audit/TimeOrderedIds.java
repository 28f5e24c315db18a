package io.gatehouse.dataplane.audit;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Request and event ids as UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits. Ids made
 * close in time sort close together, so the audit store's unique indexes on them grow at their right edge instead
 * of touching a random page per row (random version-4 ids made every insert a random read once the index outgrew
 * PostgreSQL's buffers). The random bits come from a generator per thread seeded from {@link SecureRandom}, so ids
 * of different data planes and threads are independent; they are unique, not secret.
 */
public final class TimeOrderedIds {

    private static final SecureRandom SEEDS = new SecureRandom();
    private static final ThreadLocal<SplittableRandom> RANDOM =
            ThreadLocal.withInitial(() -> new SplittableRandom(SEEDS.nextLong()));

    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;

    private TimeOrderedIds() {
    }

    public static UUID next() {
        return at(System.currentTimeMillis(), RANDOM.get());
    }

    /** The id of a moment in Unix milliseconds, with random bits from {@code random}. */
    static UUID at(long unixMillis, SplittableRandom random) {
        long randomA = random.nextLong();
        long randomB = random.nextLong();
        long mostSignificant = (unixMillis << 16) | VERSION_7 | (randomA & 0x0FFFL);
        long leastSignificant = VARIANT_RFC | (randomB >>> 2);
        return new UUID(mostSignificant, leastSignificant);
    }

    public static String nextString() {
        return next().toString();
    }
}
