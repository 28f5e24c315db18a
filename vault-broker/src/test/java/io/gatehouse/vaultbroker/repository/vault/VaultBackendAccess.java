package io.gatehouse.vaultbroker.repository.vault;

import io.gatehouse.vaultbroker.model.SecretSource;

import java.net.URI;
import java.util.Map;

/** Opens {@link VaultBackend}'s start-up validation to tests in other packages. */
public final class VaultBackendAccess {

    private VaultBackendAccess() {
    }

    public static void validate(URI url, Map<String, SecretSource> sources, VaultSecretStore store) {
        VaultBackend.validate(url, sources, store);
    }
}
