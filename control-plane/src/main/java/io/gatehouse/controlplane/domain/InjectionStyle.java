package io.gatehouse.controlplane.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the data plane injects the upstream credential into a forwarded request. */
public enum InjectionStyle {
    /** {@code Authorization: Bearer <credential>}. */
    BEARER,
    /** A named header carries the credential verbatim. */
    HEADER,
    /** {@code Authorization: Basic base64(<credential>)}: the credential is {@code user:password}. */
    BASIC,
    /** A named query parameter carries the credential; a caller's parameter of that name is removed. */
    QUERY,
    /**
     * RFC 6749 4.4: the credential is {@code client_id:client_secret}, exchanged by the data plane at a token
     * endpoint for an access token that is sent as {@code Authorization: Bearer}.
     */
    OAUTH2_CLIENT_CREDENTIALS;

    /** The name in the declarative YAML: lower case, '-' for '_' ({@code oauth2-client-credentials}). */
    public String declaredName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<InjectionStyle> fromDeclaredName(String name) {
        return Arrays.stream(values()).filter(style -> style.declaredName().equals(name)).findFirst();
    }
}
