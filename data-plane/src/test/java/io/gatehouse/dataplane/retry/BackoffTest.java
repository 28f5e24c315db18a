package io.gatehouse.dataplane.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackoffTest {

    @Test
    void doublesUpToTheMaximumAndStartsOverAfterAReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3));
        List<Duration> waits = Stream.generate(backoff::next).limit(5).toList();
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(3)), waits);
        backoff.reset();
        assertEquals(Duration.ofMillis(500), backoff.next());
    }
}
