package io.gatehouse.controlplane.domain;

import java.time.Instant;

/**
 * What the usage evidence counts of one stored call: who made it, when, the operation it was allowed as
 * ({@code resource}, {@code method}, {@code route}; {@code route} null when no grant allowed it), how it was decided,
 * whether an approval let it through, and how many values masking replaced in it.
 */
public record CallUsage(String identity, Instant time, String resource, String method, String route,
                        AuditDecision decision, boolean approved, long maskedValues) {
}
