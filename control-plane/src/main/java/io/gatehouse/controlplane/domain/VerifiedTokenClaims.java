package io.gatehouse.controlplane.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The claims of an external token whose signature and time claims were verified, as trust bindings judge them.
 * Nested claims are maps, arrays are lists, numbers and booleans their Java boxes.
 */
public record VerifiedTokenClaims(String issuer, String subject, Set<String> audiences, Map<String, Object> claims) {

    public VerifiedTokenClaims {
        audiences = Set.copyOf(audiences);
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    /** Whether {@code trust} accepts this token: same issuer, one of its audiences, every claim matcher satisfied. */
    public boolean satisfies(OidcTrust trust) {
        return trust.issuer().equals(issuer)
                && trust.audiences().stream().anyMatch(audiences::contains)
                && trust.claims().entrySet().stream().allMatch(claim -> satisfies(claim.getKey(), claim.getValue()));
    }

    /** A list value satisfies the matcher when one element does; objects, null and a missing claim never do. */
    private boolean satisfies(String claimPath, ClaimMatcher matcher) {
        Object value = claims;
        for (String level : ClaimPath.segments(claimPath)) {
            if (!(value instanceof Map<?, ?> nested)) {
                return false;
            }
            value = nested.get(level);
        }
        Collection<?> candidates = value instanceof Collection<?> elements ? elements : List.of(value == null ? Map.of() : value);
        return candidates.stream().anyMatch(candidate -> isScalar(candidate) && matcher.accepts(candidate.toString()));
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Boolean || value instanceof Number;
    }

    /** The identities of {@code model} with a trust binding this token satisfies. */
    public List<IdentityDefinition> identitiesIn(PolicyModel model) {
        return model.identities().stream()
                .filter(identity -> identity.oidcTrusts().stream().anyMatch(this::satisfies))
                .toList();
    }

    /** Whether any identity of {@code model} trusts tokens of {@code issuer} at all. */
    public static boolean isTrustedIssuer(PolicyModel model, String issuer) {
        return model.identities().stream().flatMap(identity -> identity.oidcTrusts().stream())
                .anyMatch(trust -> trust.issuer().equals(issuer));
    }

    @Override
    public String toString() {
        return "VerifiedTokenClaims[" + issuer + ", " + subject + "]";
    }
}
