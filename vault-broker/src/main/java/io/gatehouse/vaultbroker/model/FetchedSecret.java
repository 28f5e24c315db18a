package io.gatehouse.vaultbroker.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A secret as read from Vault, with its lease when it is a dynamic secret, and its version when it is a KV
 * secret. The holder clears it after use.
 */
public record FetchedSecret(Secret secret, Optional<VaultLease> lease, OptionalInt kvVersion) {

    public FetchedSecret(Secret secret, Optional<VaultLease> lease) {
        this(secret, lease, OptionalInt.empty());
    }
}
