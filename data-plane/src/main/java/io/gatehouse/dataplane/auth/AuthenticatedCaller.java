package io.gatehouse.dataplane.auth;

import io.gatehouse.dataplane.policy.Identity;

import java.time.Instant;

/**
 * Who is calling: the identity the token proved, the token's issuer and subject (the binding it came
 * through), and until when the token is good.
 */
public record AuthenticatedCaller(Identity identity, String issuer, String subject, Instant tokenExpiresAt) {
}
