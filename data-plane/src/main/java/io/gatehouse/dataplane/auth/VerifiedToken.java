package io.gatehouse.dataplane.auth;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** The claims of a token whose signature and time claims were verified. */
public record VerifiedToken(String issuer, Set<String> audiences, Map<String, Object> claims, Instant expiresAt) {
}
