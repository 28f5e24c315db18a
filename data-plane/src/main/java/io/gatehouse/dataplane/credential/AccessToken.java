package io.gatehouse.dataplane.credential;

import java.time.Duration;

/** An access token from a token endpoint; {@code expiresIn} is null when the endpoint named no lifetime. Never printed. */
record AccessToken(String value, Duration expiresIn) {

    @Override
    public String toString() {
        return "AccessToken[value=<redacted>, expiresIn=" + expiresIn + "]";
    }
}
