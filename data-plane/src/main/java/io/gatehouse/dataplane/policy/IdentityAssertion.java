package io.gatehouse.dataplane.policy;

import java.time.Duration;

/**
 * A resource's signed identity assertion: the header that carries it upstream, its audience, and
 * (the same for every resource, from the snapshot) its issuer and lifetime.
 */
public record IdentityAssertion(String headerName, String audience, String issuer, Duration lifetime) {
}
