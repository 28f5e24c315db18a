package io.gatehouse.controlplane.domain;

import java.util.Objects;

/**
 * How the upstream credential is injected: {@code headerName} only for {@link InjectionStyle#HEADER},
 * {@code parameterName} only for {@link InjectionStyle#QUERY}, {@code oauth2} only for
 * {@link InjectionStyle#OAUTH2_CLIENT_CREDENTIALS}.
 */
public record CredentialInjection(InjectionStyle style, String headerName, String parameterName,
                                  OAuth2ClientCredentials oauth2) {

    public CredentialInjection {
        Objects.requireNonNull(style, "style");
        headerName = required(style == InjectionStyle.HEADER, headerName, "header injection needs a header name");
        parameterName = required(style == InjectionStyle.QUERY, parameterName, "query injection needs a parameter name");
        if (style == InjectionStyle.OAUTH2_CLIENT_CREDENTIALS && oauth2 == null) {
            throw new IllegalArgumentException("OAuth2 client credentials injection needs a token endpoint");
        }
        if (style != InjectionStyle.OAUTH2_CLIENT_CREDENTIALS) {
            oauth2 = null;
        }
    }

    public CredentialInjection(InjectionStyle style, String headerName) {
        this(style, headerName, null, null);
    }

    private static String required(boolean applies, String value, String problem) {
        if (!applies) {
            return null;
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }

    public static CredentialInjection bearer() {
        return new CredentialInjection(InjectionStyle.BEARER, null);
    }

    public static CredentialInjection basic() {
        return new CredentialInjection(InjectionStyle.BASIC, null);
    }

    public static CredentialInjection header(String headerName) {
        return new CredentialInjection(InjectionStyle.HEADER, headerName);
    }

    public static CredentialInjection query(String parameterName) {
        return new CredentialInjection(InjectionStyle.QUERY, null, parameterName, null);
    }

    public static CredentialInjection oauth2ClientCredentials(OAuth2ClientCredentials settings) {
        return new CredentialInjection(InjectionStyle.OAUTH2_CLIENT_CREDENTIALS, null, null, settings);
    }
}
