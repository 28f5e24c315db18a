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
    BASIC;

    public String declaredName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<InjectionStyle> fromDeclaredName(String name) {
        return Arrays.stream(values()).filter(style -> style.declaredName().equals(name)).findFirst();
    }
}
