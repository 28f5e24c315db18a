package io.gatehouse.controlplane.model;

import io.gatehouse.controlplane.domain.ClaimMatcher;

import java.util.ArrayList;
import java.util.List;

/** One element of the JSON list stored in {@code oidc_trust_binding.claim_matchers}: a claim and one matcher. */
public class ClaimMatcherColumn {

    public String claim;
    public String exact;
    public String glob;
    public String regex;
    public List<String> oneOf;

    public static ClaimMatcherColumn of(String claim, ClaimMatcher matcher) {
        ClaimMatcherColumn column = new ClaimMatcherColumn();
        column.claim = claim;
        if (matcher instanceof ClaimMatcher.Exact exact) {
            column.exact = exact.value();
        } else if (matcher instanceof ClaimMatcher.Glob glob) {
            column.glob = glob.glob();
        } else if (matcher instanceof ClaimMatcher.Regex regex) {
            column.regex = regex.regex();
        } else {
            column.oneOf = new ArrayList<>(((ClaimMatcher.OneOf) matcher).oneOf());
        }
        return column;
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
