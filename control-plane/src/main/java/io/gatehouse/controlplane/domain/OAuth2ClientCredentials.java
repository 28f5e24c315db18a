package io.gatehouse.controlplane.domain;

import java.util.List;
import java.util.Objects;

/**
 * Where the data plane gets an access token for a resource injected with
 * {@link InjectionStyle#OAUTH2_CLIENT_CREDENTIALS}; the client id and secret themselves are the
 * resource's credential (from the vault broker), never part of the policy.
 *
 * @param tokenUrl   the token endpoint (absolute http(s) URL)
 * @param scopes     requested scopes (none: the {@code scope} parameter is omitted)
 * @param audience   the {@code audience} parameter, or {@code null}
 * @param clientAuth how the client authenticates at the token endpoint
 */
public record OAuth2ClientCredentials(String tokenUrl, List<String> scopes, String audience, OAuth2ClientAuth clientAuth) {

    public OAuth2ClientCredentials {
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        audience = audience == null || audience.isBlank() ? null : audience;
        clientAuth = clientAuth == null ? OAuth2ClientAuth.CLIENT_SECRET_BASIC : clientAuth;
    }
}
