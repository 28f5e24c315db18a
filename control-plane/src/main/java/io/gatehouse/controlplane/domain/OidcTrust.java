package io.gatehouse.controlplane.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How an identity proves itself with a token of an external OIDC issuer: the issuer, the accepted
 * audiences (any one of them) and, per claim (a {@link ClaimPath}), the matcher its value must
 * satisfy; all must hold. {@code force} accepts what validation cannot prove safe: constraints
 * that do not pin a workload, and a possible (undecidable) overlap with another binding.
 * Presets of the declarative config expand into this form; the model does not keep them.
 */
public record OidcTrust(String issuer, List<String> audiences, SortedMap<String, ClaimMatcher> claims, boolean force) {

    public OidcTrust {
        Objects.requireNonNull(issuer, "issuer");
        audiences = List.copyOf(new TreeSet<>(audiences));
        claims = new TreeMap<>(claims);
    }

    public static OidcTrust of(String issuer, List<String> audiences, Map<String, ClaimMatcher> claims, boolean force) {
        return new OidcTrust(issuer, audiences, new TreeMap<>(claims), force);
    }

    /** A binding requiring these exact values of these (top-level or nested) claims. */
    public static OidcTrust exact(String issuer, List<String> audiences, Map<String, String> exactClaims) {
        TreeMap<String, ClaimMatcher> claims = new TreeMap<>();
        exactClaims.forEach((claim, value) -> claims.put(claim, new ClaimMatcher.Exact(value)));
        return new OidcTrust(issuer, audiences, claims, false);
    }

    /** Canonical order of bindings of one identity. */
    public String sortKey() {
        return issuer + '\u0000' + audiences + '\u0000' + claims + '\u0000' + force;
    }
}
