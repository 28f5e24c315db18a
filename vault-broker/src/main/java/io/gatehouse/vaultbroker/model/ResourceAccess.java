package io.gatehouse.vaultbroker.model;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What the broker knows of one resource: where its credential lives ({@code vaultSource} empty: the static
 * store), the longest an issued copy may live, and which data-plane pools may receive it.
 *
 * @param pools the pools allowed; {@code null} means every pool (standalone broker without a control plane)
 */
public record ResourceAccess(String resource, Optional<SecretSource> vaultSource, Optional<Duration> ttl,
                             Set<String> pools) {

    public ResourceAccess {
        pools = pools == null ? null : Set.copyOf(pools);
    }

    public boolean allows(String pool) {
        return pools == null || pools.contains(pool);
    }
}
