package io.gatehouse.controlplane.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether two trust bindings could accept the same token. They are told apart only by a different
 * issuer, no common audience, or a claim constrained by both whose two matchers share no value; a
 * claim constrained by one binding alone separates nothing (a token may carry any claim). The
 * comparison assumes that a claim telling bindings apart has one value: a list claim could carry
 * both values, and the data plane then refuses the token as ambiguous.
 */
public record TrustBindingOverlap(Verdict verdict, String explanation) {

    public enum Verdict {
        /** No token can match both. */
        DISJOINT,
        /** A token carrying suitable values matches both. */
        CERTAIN,
        /** Not provably disjoint: some shared claim pairs a regex with a pattern. */
        UNDECIDED
    }

    public static TrustBindingOverlap between(OidcTrust first, OidcTrust second) {
        if (!first.issuer().equals(second.issuer())) {
            return new TrustBindingOverlap(Verdict.DISJOINT, "different issuers");
        }
        List<String> commonAudiences = first.audiences().stream().filter(second.audiences()::contains).toList();
        if (commonAudiences.isEmpty()) {
            return new TrustBindingOverlap(Verdict.DISJOINT, "no common audience");
        }
        List<String> sharedValues = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        for (Map.Entry<String, ClaimMatcher> claim : first.claims().entrySet()) {
            ClaimMatcher other = second.claims().get(claim.getKey());
            if (other == null) {
                continue;
            }
            switch (claim.getValue().commonValueWith(other)) {
                case NONE -> {
                    return new TrustBindingOverlap(Verdict.DISJOINT, "claim '" + claim.getKey() + "' differs");
                }
                case EXISTS -> sharedValues.add("'" + claim.getKey() + "'");
                case UNDECIDED -> undecided.add("'" + claim.getKey() + "' (" + describe(claim.getValue())
                        + " against " + describe(other) + ")");
            }
        }
        String common = "issuer " + first.issuer() + ", audience " + String.join(", ", commonAudiences);
        if (!undecided.isEmpty()) {
            return new TrustBindingOverlap(Verdict.UNDECIDED, common + "; cannot prove that claim "
                    + String.join(", ", undecided) + " never match the same value");
        }
        String claims = sharedValues.isEmpty()
                ? "no claim is constrained by both"
                : "claim " + String.join(", ", sharedValues) + " can have a value both accept";
        return new TrustBindingOverlap(Verdict.CERTAIN, common + ", " + claims);
    }

    private static String describe(ClaimMatcher matcher) {
        if (matcher instanceof ClaimMatcher.Exact exact) {
            return "'" + exact.value() + "'";
        }
        if (matcher instanceof ClaimMatcher.OneOf oneOf) {
            return "oneOf " + oneOf.oneOf();
        }
        if (matcher instanceof ClaimMatcher.Glob glob) {
            return "glob '" + glob.glob() + "'";
        }
        return "regex '" + ((ClaimMatcher.Regex) matcher).regex() + "'";
    }
}
