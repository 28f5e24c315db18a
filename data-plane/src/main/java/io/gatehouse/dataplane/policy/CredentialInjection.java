package io.gatehouse.dataplane.policy;

import java.util.Objects;

/**
 * How a resource's credential goes on the upstream request: {@code name} is the header name
 * ({@link InjectionStyle#HEADER}) or the query parameter name ({@link InjectionStyle#QUERY}), empty otherwise;
 * {@code oauth2} is set for {@link InjectionStyle#OAUTH2_CLIENT_CREDENTIALS} only.
 */
public record CredentialInjection(InjectionStyle style, String name, OAuth2Settings oauth2) {

    public CredentialInjection {
        Objects.requireNonNull(style, "style");
        name = name == null ? "" : name;
        if ((style == InjectionStyle.HEADER || style == InjectionStyle.QUERY) && name.isBlank()) {
            throw new IllegalArgumentException(style.name().toLowerCase(java.util.Locale.ROOT) + " injection needs a name");
        }
        if ((style == InjectionStyle.OAUTH2_CLIENT_CREDENTIALS) != (oauth2 != null)) {
            throw new IllegalArgumentException("token endpoint settings belong to OAuth2 client credentials injection, and it needs them");
        }
    }

    public static CredentialInjection of(InjectionStyle style) {
        return new CredentialInjection(style, "", null);
    }

    public static CredentialInjection header(String name) {
        return new CredentialInjection(InjectionStyle.HEADER, name, null);
    }

    public static CredentialInjection query(String parameter) {
        return new CredentialInjection(InjectionStyle.QUERY, parameter, null);
    }

    public static CredentialInjection oauth2(OAuth2Settings settings) {
        return new CredentialInjection(InjectionStyle.OAUTH2_CLIENT_CREDENTIALS, "", settings);
    }
}
