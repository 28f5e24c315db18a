package io.gatehouse.dataplane.auth;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Typed reads of registered JWT claims (RFC 7519 4.1), read as jose4j reads them. */
final class TokenClaims {

    /** A registered claim is present but not of the type RFC 7519 gives it. */
    static final class MalformedClaimException extends Exception {

        MalformedClaimException(String claim) {
            super("claim '" + claim + "' is malformed", null, false, false);
        }
    }

    private TokenClaims() {
    }

    /** A StringOrURI claim ({@code iss}, {@code sub}), or null when absent. */
    static String string(Map<String, Object> claims, String name) throws MalformedClaimException {
        Object value = claims.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new MalformedClaimException(name);
    }

    /** A NumericDate claim ({@code exp}, {@code nbf}, {@code iat}) in whole seconds, or null when absent. */
    static Long seconds(Map<String, Object> claims, String name) throws MalformedClaimException {
        Object value = claims.get(name);
        if (value == null) {
            return null;
        }
        // fractions are dropped as jose4j drops them; integers beyond a long are no date
        if (value instanceof Long || value instanceof Double) {
            return ((Number) value).longValue();
        }
        throw new MalformedClaimException(name);
    }

    /** The {@code aud} claim: one string or an array of strings; empty when absent. */
    static Set<String> audiences(Map<String, Object> claims) throws MalformedClaimException {
        Object value = claims.get("aud");
        if (value == null) {
            return Set.of();
        }
        if (value instanceof String single) {
            return Set.of(single);
        }
        if (value instanceof Collection<?> many && many.stream().allMatch(String.class::isInstance)) {
            Set<String> audiences = new HashSet<>();
            many.forEach(audience -> audiences.add((String) audience));
            return Set.copyOf(audiences);
        }
        throw new MalformedClaimException("aud");
    }
}
