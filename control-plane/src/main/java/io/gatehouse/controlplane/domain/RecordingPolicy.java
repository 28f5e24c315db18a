package io.gatehouse.controlplane.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the audit record of a call through a resource holds, and whether calls go on while it cannot be written.
 *
 * @param headers       lower-case names of the request and response headers recorded (level headers or bodies)
 * @param bodyBytes     per direction, how many body bytes are recorded at most (level bodies)
 * @param whenSpoolFull what happens to a call while the data plane's audit spool refuses records
 */
public record RecordingPolicy(RecordingLevel level, List<String> headers, int bodyBytes, SpoolFullPolicy whenSpoolFull) {

    public static final int DEFAULT_BODY_BYTES = 4096;
    public static final int MAX_BODY_BYTES = 65536;
    public static final RecordingPolicy DEFAULT = new RecordingPolicy(RecordingLevel.METADATA, List.of(), DEFAULT_BODY_BYTES,
            SpoolFullPolicy.REFUSE);

    /** Headers that carry credentials by their nature; their values are never recorded. */
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "set-cookie2", "www-authenticate", "proxy-authenticate");
    /** A header whose name contains one of these is taken to carry a credential (x-api-key, x-auth-token...). */
    private static final List<String> CREDENTIAL_NAME_PARTS = List.of("auth", "token", "secret", "password", "passwd",
            "api-key", "apikey", "api_key", "session", "credential", "signature", "cookie");

    public RecordingPolicy {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(whenSpoolFull, "whenSpoolFull");
        headers = headers == null ? List.of()
                : List.copyOf(new TreeSet<>(headers.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList()));
        if (bodyBytes < 1 || bodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("bodyBytes must be between 1 and " + MAX_BODY_BYTES);
        }
    }

    /** True for a header name whose value may be a credential; such a header may not be recorded. */
    public static boolean mayCarryCredential(String headerName) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return CREDENTIAL_HEADERS.contains(name) || CREDENTIAL_NAME_PARTS.stream().anyMatch(name::contains);
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }
}
