package io.gatehouse.dataplane.proxy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How long a caller is willing to wait for an approval, from its RFC 7240 {@code Prefer} header:
 * {@code respond-async} asks for the 202 at once, {@code wait=N} for at most N seconds. A caller
 * can only shorten the configured hold time, never extend it.
 */
final class PreferHeader {

    private PreferHeader() {
    }

    static Duration holdTime(List<String> preferHeaders, Duration configured) {
        Duration hold = configured;
        for (String header : preferHeaders) {
            for (String preference : header.split(",")) {
                String token = preference.trim().toLowerCase(Locale.ROOT);
                if (token.equals("respond-async")) {
                    return Duration.ZERO;
                }
                if (token.startsWith("wait=")) {
                    Duration wanted = parseSeconds(token.substring(5));
                    if (wanted != null && wanted.compareTo(hold) < 0) {
                        hold = wanted;
                    }
                }
            }
        }
        return hold;
    }

    private static Duration parseSeconds(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
