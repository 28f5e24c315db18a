package io.gatehouse.dataplane.audit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The query string of a call as its audit record keeps it: the values of sensitive parameters (names compared
 * case-insensitively after percent-decoding, e.g. {@code token}, {@code api_key}, {@code sig}) are replaced by
 * {@value #REDACTED}; everything else is kept as sent.
 */
public final class QueryRedactor {

    public static final String REDACTED = "[redacted]";

    private final Set<String> sensitiveNames;

    public QueryRedactor(Collection<String> sensitiveNames) {
        this.sensitiveNames = sensitiveNames.stream().map(String::strip).filter(name -> !name.isEmpty())
                .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The redacted query, or null when there is none. */
    public String redact(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        StringJoiner redacted = new StringJoiner("&");
        for (String parameter : rawQuery.split("&", -1)) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            redacted.add(equals >= 0 && isSensitive(name) ? name + "=" + REDACTED : parameter);
        }
        return redacted.toString();
    }

    private boolean isSensitive(String rawName) {
        String name;
        try {
            name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            name = rawName;
        }
        return sensitiveNames.contains(name.strip().toLowerCase(Locale.ROOT));
    }
}
