package io.gatehouse.controlplane.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How an identity proves itself with a token of an external OIDC issuer: the issuer, the accepted
 * audiences (any one of them) and the claims that must all be present with exactly these values.
 */
public record OidcTrust(String issuer, List<String> audiences, SortedMap<String, String> requiredClaims) {

    public OidcTrust {
        Objects.requireNonNull(issuer, "issuer");
        audiences = List.copyOf(new TreeSet<>(audiences));
        requiredClaims = new TreeMap<>(requiredClaims);
    }

    public static OidcTrust of(String issuer, List<String> audiences, Map<String, String> requiredClaims) {
        return new OidcTrust(issuer, audiences, new TreeMap<>(requiredClaims));
    }

    /** Canonical order of bindings of one identity. */
    public String sortKey() {
        return issuer + '\u0000' + audiences + '\u0000' + requiredClaims;
    }
}
