package io.gatehouse.dataplane.policy;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * An upstream API. {@code pathPrefix} is canonical ("/demo"); {@code maskedFields} are lower-case
 * JSON field names.
 */
public record Resource(String name, String pathPrefix, URI upstream, InjectionStyle injectionStyle,
                       String injectionHeader, Set<String> maskedFields, Duration upstreamTimeout) {

    public boolean masks() {
        return !maskedFields.isEmpty();
    }
}
