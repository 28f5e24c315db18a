package io.gatehouse.cli.settings;

/**
 * The OIDC access token sent as {@code Authorization: Bearer …}. Its {@link #toString()} never shows it, so it
 * cannot end up in a message or log line by accident; only {@link #authorizationHeader()} reveals it.
 */
public final class BearerToken {

    private final String value;

    BearerToken(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty token");
        }
        this.value = value.strip();
    }

    public String authorizationHeader() {
        return "Bearer " + value;
    }

    /** The raw value, only to register it with the redactor of printed text. */
    public String valueForRedaction() {
        return value;
    }

    @Override
    public String toString() {
        return "BearerToken[redacted]";
    }
}
