package io.gatehouse.it.support;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntPredicate;

/** Waits for a policy change to show in what a data plane answers, within the promised time. */
public final class Propagation {

    /** The promise is one second; the margin covers a loaded CI machine. */
    public static final Duration LIMIT = Duration.ofSeconds(2);

    private Propagation() {
    }

    /**
     * Polls the URL until its status is as expected; fails if that takes longer than {@link #LIMIT}.
     * Answers how long it took, printed so that the run's output shows the propagation times.
     */
    public static Duration awaitStatus(String url, String token, IntPredicate expected, String what) {
        Instant start = Instant.now();
        Instant deadline = start.plus(LIMIT);
        HttpResponse<String> last;
        do {
            last = Http.get(url, token);
            if (expected.test(last.statusCode())) {
                Duration took = Duration.between(start, Instant.now());
                System.out.printf("propagation: %s at %s after %d ms%n", what, url, took.toMillis());
                return took;
            }
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("waited " + LIMIT + " for " + what + " at " + url + "; last answer " + Http.describe(last));
    }
}
