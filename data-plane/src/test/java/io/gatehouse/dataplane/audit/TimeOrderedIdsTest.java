package io.gatehouse.dataplane.audit;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersion7WithTheRfcVariantAndTheirMillisecond() {
        long millis = 1_796_000_000_123L;
        UUID id = TimeOrderedIds.at(millis, new SplittableRandom(1));

        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(millis, id.getMostSignificantBits() >>> 16);
    }

    @Test
    void laterMillisecondsSortAfterEarlierOnesWhateverTheRandomBits() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1_000; i++) {
            UUID earlier = TimeOrderedIds.at(1_796_000_000_000L + i, random);
            UUID later = TimeOrderedIds.at(1_796_000_000_001L + i, random);
            // as PostgreSQL's uuid type and the ids' text compare them: unsigned, most significant bits first
            assertTrue(earlier.toString().compareTo(later.toString()) < 0, earlier + " sorts after " + later);
        }
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        Set<UUID> ids = new HashSet<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            ids.add(TimeOrderedIds.at(1_796_000_000_000L, random));
        }
        assertEquals(100_000, ids.size());
    }

    @Test
    void threadsDrawIndependentRandomBits() throws InterruptedException {
        UUID[] fromOtherThread = new UUID[1];
        Thread other = new Thread(() -> fromOtherThread[0] = TimeOrderedIds.next());
        other.start();
        other.join();
        UUID fromThisThread = TimeOrderedIds.next();

        assertNotEquals(fromOtherThread[0].getLeastSignificantBits(), fromThisThread.getLeastSignificantBits());
        assertEquals(7, UUID.fromString(TimeOrderedIds.nextString()).version());
    }
}
