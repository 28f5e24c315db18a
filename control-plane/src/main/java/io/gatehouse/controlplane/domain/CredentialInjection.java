package io.gatehouse.controlplane.domain;

import java.util.Objects;

/** How the upstream credential is injected; {@code headerName} only for {@link InjectionStyle#HEADER}. */
public record CredentialInjection(InjectionStyle style, String headerName) {

    public CredentialInjection {
        Objects.requireNonNull(style, "style");
        if (style == InjectionStyle.HEADER && (headerName == null || headerName.isBlank())) {
            throw new IllegalArgumentException("header injection needs a header name");
        }
        if (style != InjectionStyle.HEADER) {
            headerName = null;
        }
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
}
