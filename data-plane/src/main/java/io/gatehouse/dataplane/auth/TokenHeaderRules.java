package io.gatehouse.dataplane.auth;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JOSE header checks of RFC 8725 on a caller's token, made before anything else is trusted:
 * <ul>
 *   <li>{@code crit}: the gateway understands no critical extension, so a token naming any is
 *   refused (RFC 7515 4.1.11), and so is an empty {@code crit}, which RFC 7515 forbids.</li>
 *   <li>{@code typ}: a token explicitly typed as another kind of JWT — the control plane's node
 *   tokens, DPoP proofs, logout or security-event tokens — must never authenticate a caller, even
 *   when its issuer and signature are right (RFC 8725 3.11). An untyped token is accepted, as most
 *   OIDC issuers send none.</li>
 * </ul>
 * Media types are compared case-insensitively, with or without the {@code application/} prefix
 * (RFC 7515 4.1.9).
 */
final class TokenHeaderRules {

    private final Set<String> acceptedTypes;

    TokenHeaderRules(Collection<String> acceptedTypes) {
        this.acceptedTypes = acceptedTypes.stream().map(TokenHeaderRules::normalize).collect(Collectors.toUnmodifiableSet());
    }

    void check(Map<String, Object> header) {
        if (header.containsKey("crit")) {
            throw new AuthenticationException("bearer token marks header extensions as critical ('crit'); the gateway understands none");
        }
        Object type = header.get("typ");
        if (type == null) {
            return;
        }
        if (!(type instanceof String text) || !acceptedTypes.contains(normalize(text))) {
            throw new AuthenticationException("bearer token is typed ('typ') as a kind of token that does not authenticate callers");
        }
    }

    private static String normalize(String mediaType) {
        String lower = mediaType.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("application/") ? lower.substring("application/".length()) : lower;
    }
}
