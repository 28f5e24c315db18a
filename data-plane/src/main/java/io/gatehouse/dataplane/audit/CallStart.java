package io.gatehouse.dataplane.audit;

import java.time.Instant;

/** What is known of a call when it is admitted, before anything is forwarded. Holds no token and no credential. */
public record CallStart(String requestId, Instant time, String identity, String resource, String method, String path) {
}
