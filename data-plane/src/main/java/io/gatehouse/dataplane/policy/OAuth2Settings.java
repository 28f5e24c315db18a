package io.gatehouse.dataplane.policy;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Where and how the data plane asks for an upstream access token (RFC 6749 4.4) with the resource's
 * client credentials. Holds no secret.
 *
 * @param audience the {@code audience} form parameter, or {@code null}
 */
public record OAuth2Settings(URI tokenUrl, List<String> scopes, String audience, ClientAuth clientAuth) {

    /** RFC 6749 2.3.1. */
    public enum ClientAuth {
        CLIENT_SECRET_BASIC, CLIENT_SECRET_POST
    }

    public OAuth2Settings {
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(clientAuth, "clientAuth");
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        audience = audience == null || audience.isEmpty() ? null : audience;
    }
}
