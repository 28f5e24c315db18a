package io.gatehouse.dataplane.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The audit record of one call through the proxy, allowed or not. Holds no token and no credential. */
public record CallRecord(String eventId, String requestId, Instant time, String identity, String resource,
                         String method, String path, CallDecision decision, String reason, String approvalId,
                         int status, Duration duration, Map<String, Integer> maskedValues) {

    /** @param maskedValues how many values each masking rule masked, by rule name */
    public CallRecord {
        maskedValues = Map.copyOf(maskedValues);
    }
}
