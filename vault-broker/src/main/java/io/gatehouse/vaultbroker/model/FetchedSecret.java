package io.gatehouse.vaultbroker.model;

import java.util.Optional;

/** A secret as read from Vault, with its lease when it is a dynamic secret. The holder clears it after use. */
public record FetchedSecret(Secret secret, Optional<VaultLease> lease) {
}
