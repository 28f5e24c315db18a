package io.gatehouse.dataplane.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The audit record of one call through the proxy, allowed or not. Holds no token and no credential. */
public record CallRecord(String eventId, String requestId, Instant time, String identity, String resource,
                         String method, String path, CallDecision decision, String reason, String approvalId,
                         int status, Duration duration, Map<String, Integer> maskedValues, CallDetails details,
                         String route) {

    /**
     * @param maskedValues how many values each masking rule masked, by rule name
     * @param details      the recorded query, headers and bodies, or null when nothing beyond the metadata was recorded
     * @param route        the path pattern of the grant that allowed the call, or null when none did
     */
    public CallRecord {
        maskedValues = Map.copyOf(maskedValues);
    }

    /** A record that names no operation (no grant allowed the call). */
    public CallRecord(String eventId, String requestId, Instant time, String identity, String resource, String method,
                      String path, CallDecision decision, String reason, String approvalId, int status, Duration duration,
                      Map<String, Integer> maskedValues, CallDetails details) {
        this(eventId, requestId, time, identity, resource, method, path, decision, reason, approvalId, status, duration,
                maskedValues, details, null);
    }

    /** A record of the metadata only. */
    public CallRecord(String eventId, String requestId, Instant time, String identity, String resource, String method,
                      String path, CallDecision decision, String reason, String approvalId, int status, Duration duration,
                      Map<String, Integer> maskedValues) {
        this(eventId, requestId, time, identity, resource, method, path, decision, reason, approvalId, status, duration,
                maskedValues, null, null);
    }
}
