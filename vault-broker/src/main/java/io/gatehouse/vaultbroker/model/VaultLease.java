package io.gatehouse.vaultbroker.model;

import java.time.Duration;

/** A Vault lease on a dynamic secret. The lease id is not a secret, but it is only logged, never sent to data planes. */
public record VaultLease(String leaseId, Duration duration, boolean renewable) {
}
