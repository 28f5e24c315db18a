package io.gatehouse.vaultbroker.repository.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.vaultbroker.model.Secret;

import java.time.Duration;

/**
 * A Vault token with how long it lives from when it was obtained.
 *
 * @param ttl {@link Duration#ZERO} for a token that does not expire (e.g. a root token)
 */
public record VaultToken(Secret token, Duration ttl, boolean renewable) {

    /** From the {@code auth} object of a login or renew-self answer. */
    static VaultToken fromAuth(JsonNode auth, String path) {
        JsonNode clientToken = auth.path("client_token");
        if (!clientToken.isTextual() || clientToken.textValue().isEmpty()) {
            throw new VaultSecretFormatException("the answer of " + path + " has no auth.client_token");
        }
        return new VaultToken(Secret.of(clientToken.textValue()), Duration.ofSeconds(auth.path("lease_duration").asLong()),
                auth.path("renewable").asBoolean(false));
    }

    boolean expires() {
        return !ttl.isZero();
    }
}
