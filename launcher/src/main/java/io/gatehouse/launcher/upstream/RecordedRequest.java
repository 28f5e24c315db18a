package io.gatehouse.launcher.upstream;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request as the demo upstream received it.
 *
 * @param headers header names in lower case, each with all of its values
 */
public record RecordedRequest(Instant time, String method, String path, String query,
                              Map<String, List<String>> headers, String body) {

    /** The first value of a header (name in any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** True if any header name or value contains the text. */
    public boolean headersContain(String text) {
        return headers.entrySet().stream().anyMatch(e -> e.getKey().contains(text)
                || e.getValue().stream().anyMatch(v -> v.contains(text)));
    }
}
