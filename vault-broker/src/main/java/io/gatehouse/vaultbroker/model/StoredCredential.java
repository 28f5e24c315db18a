package io.gatehouse.vaultbroker.model;

import java.time.Duration;

/**
 * A credential as a secret store holds it.
 *
 * @param leaseDuration how long a data plane may use it once issued
 */
public record StoredCredential(Secret secret, Duration leaseDuration) {

    /** A copy whose secret the caller owns and clears after use. */
    public StoredCredential copy() {
        return new StoredCredential(secret.copy(), leaseDuration);
    }
}
