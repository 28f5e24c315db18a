package io.gatehouse.dataplane.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A token matches when it comes from the issuer, names one of the audiences and satisfies every claim constraint. */
public record OidcBinding(String issuer, Set<String> audiences, List<ClaimConstraint> constraints) {

    public OidcBinding {
        audiences = Set.copyOf(audiences);
        constraints = List.copyOf(constraints);
    }

    /** A binding requiring exact values of top-level claims. */
    public OidcBinding(String issuer, Set<String> audiences, Map<String, String> exactClaims) {
        this(issuer, audiences, exactClaims.entrySet().stream()
                .map(claim -> new ClaimConstraint(List.of(claim.getKey()), ClaimValueMatcher.exact(claim.getValue())))
                .toList());
    }

    public boolean matches(String tokenIssuer, Set<String> tokenAudiences, Map<String, Object> claims) {
        return issuer.equals(tokenIssuer) && matches(tokenAudiences, claims);
    }

    /** Whether a token of this binding's issuer matches. */
    public boolean matches(Set<String> tokenAudiences, Map<String, Object> claims) {
        return namesOneOfTheAudiences(tokenAudiences) && satisfiesEveryConstraint(claims);
    }

    private boolean namesOneOfTheAudiences(Set<String> tokenAudiences) {
        for (String audience : tokenAudiences) {
            if (audiences.contains(audience)) {
                return true;
            }
        }
        return false;
    }

    private boolean satisfiesEveryConstraint(Map<String, Object> claims) {
        for (ClaimConstraint constraint : constraints) {
            if (!constraint.isSatisfiedBy(claims)) {
                return false;
            }
        }
        return true;
    }
}
