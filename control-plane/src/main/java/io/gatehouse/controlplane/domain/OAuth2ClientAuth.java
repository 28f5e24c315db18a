package io.gatehouse.controlplane.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** RFC 6749 2.3.1: how the data plane authenticates as the OAuth2 client at the token endpoint. */
public enum OAuth2ClientAuth {
    /** HTTP Basic with the form-urlencoded client id and secret; the default. */
    CLIENT_SECRET_BASIC,
    /** {@code client_id} and {@code client_secret} in the form body. */
    CLIENT_SECRET_POST;

    public String declaredName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OAuth2ClientAuth> fromDeclaredName(String name) {
        return Arrays.stream(values()).filter(method -> method.declaredName().equals(name)).findFirst();
    }
}
