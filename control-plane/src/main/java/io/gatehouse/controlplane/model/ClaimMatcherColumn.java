package io.gatehouse.controlplane.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatehouse.controlplane.domain.ClaimMatcher;

import java.util.List;

/**
 * One element of the JSON list stored in {@code oidc_trust_binding.claim_matchers}: a claim and
 * exactly one of the matcher kinds. A record, so that Hibernate's dirty check sees equal values as equal.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimMatcherColumn(String claim, String exact, String glob, String regex, List<String> oneOf) {

    public static ClaimMatcherColumn of(String claim, ClaimMatcher matcher) {
        if (matcher instanceof ClaimMatcher.Exact exact) {
            return new ClaimMatcherColumn(claim, exact.value(), null, null, null);
        }
        if (matcher instanceof ClaimMatcher.Glob glob) {
            return new ClaimMatcherColumn(claim, null, glob.glob(), null, null);
        }
        if (matcher instanceof ClaimMatcher.Regex regex) {
            return new ClaimMatcherColumn(claim, null, null, regex.regex(), null);
        }
        return new ClaimMatcherColumn(claim, null, null, null, List.copyOf(((ClaimMatcher.OneOf) matcher).oneOf()));
    }

    public ClaimMatcher toDomain() {
        if (exact != null) {
            return new ClaimMatcher.Exact(exact);
        }
        if (glob != null) {
            return new ClaimMatcher.Glob(glob);
        }
        if (regex != null) {
            return new ClaimMatcher.Regex(regex);
        }
        if (oneOf != null) {
            return new ClaimMatcher.OneOf(oneOf);
        }
        throw new IllegalStateException("stored claim matcher of '" + claim + "' has no kind");
    }
}
