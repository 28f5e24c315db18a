package io.gatehouse.dataplane.policy;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What the audit record of a call through a resource holds beyond its metadata, and whether its calls are
 * forwarded while the audit spool refuses records.
 *
 * @param headers                 lower-case names of the headers recorded at level headers or bodies
 * @param bodyBytes               per direction, the most body bytes recorded at level bodies
 * @param bestEffortWhenSpoolFull forward calls (counted) instead of refusing them with 503 while the spool is full
 */
public record Recording(Level level, Set<String> headers, int bodyBytes, boolean bestEffortWhenSpoolFull) {

    public enum Level {
        METADATA, HEADERS, BODIES;

        public String declaredName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final int DEFAULT_BODY_BYTES = 4096;
    public static final int MAX_BODY_BYTES = 65536;
    public static final Recording DEFAULT = new Recording(Level.METADATA, Set.of(), DEFAULT_BODY_BYTES, false);

    public Recording {
        Objects.requireNonNull(level, "level");
        headers = Set.copyOf(headers.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList());
        if (bodyBytes < 1 || bodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("body bytes must be between 1 and " + MAX_BODY_BYTES);
        }
    }

    public boolean recordsHeaders() {
        return level != Level.METADATA;
    }

    public boolean recordsBodies() {
        return level == Level.BODIES;
    }
}
