package io.gatehouse.vaultbroker.model;

import java.time.Instant;

/** A credential handed to a data plane, usable until {@code expiresAt}. The holder clears the secret after use. */
public record IssuedLease(String resource, Secret secret, String leaseId, Instant expiresAt) {
}
