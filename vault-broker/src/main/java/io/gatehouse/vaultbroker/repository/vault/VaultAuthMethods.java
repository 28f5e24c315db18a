package io.gatehouse.vaultbroker.repository.vault;

import io.gatehouse.vaultbroker.config.BrokerConfig;
import io.gatehouse.vaultbroker.model.Secret;

import java.util.Locale;
import java.util.Optional;

/** Builds the configured auth method, refusing a configuration that lacks what the method needs. */
public final class VaultAuthMethods {

    private static final String AUTH = "gatehouse.broker.vault.auth.";

    private VaultAuthMethods() {
    }

    public static VaultAuthMethod from(BrokerConfig.VaultAuth auth) {
        String method = auth.method().trim().toLowerCase(Locale.ROOT);
        return switch (method) {
            case "token" -> new TokenAuthMethod(Secret.of(required(auth.token(), "token")));
            case "approle" -> new AppRoleAuthMethod(auth.approle().mount(), required(auth.approle().roleId(), "approle.role-id"),
                    Secret.of(required(auth.approle().secretId(), "approle.secret-id")));
            case "kubernetes" -> new KubernetesAuthMethod(auth.kubernetes().mount(),
                    required(auth.kubernetes().role(), "kubernetes.role"), auth.kubernetes().jwtFile());
            default -> throw new IllegalStateException(BrokerConfig.describeKey(AUTH + "method") + " is '" + method
                    + "'; use token, approle or kubernetes");
        };
    }

    private static String required(Optional<String> value, String key) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalStateException(
                BrokerConfig.describeKey(AUTH + key) + " is required for this Vault auth method"));
    }
}
