package io.gatehouse.controlplane.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.gatehouse.controlplane.domain.TrustBindingOverlap.Verdict.CERTAIN;
import static io.gatehouse.controlplane.domain.TrustBindingOverlap.Verdict.DISJOINT;
import static io.gatehouse.controlplane.domain.TrustBindingOverlap.Verdict.UNDECIDED;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TrustBindingOverlapTest {

    private static final String ISSUER = "https://ci.acme.example";

    @Test
    void differentIssuersOrNoCommonAudienceNeverOverlap() {
        OidcTrust binding = binding(List.of("gatehouse"), Map.of("sub", exact("job")));

        assertVerdict(DISJOINT, binding, new OidcTrust(ISSUER + "/other", List.of("gatehouse"), binding.claims(), false));
        assertVerdict(DISJOINT, binding, binding(List.of("other"), Map.of("sub", exact("job"))));
        assertVerdict(CERTAIN, binding, binding(List.of("other", "gatehouse"), Map.of("sub", exact("job"))));
    }

    @Test
    void aClaimConstrainedByOnlyOneBindingDoesNotSeparateThem() {
        assertVerdict(CERTAIN, binding(Map.of("repository", exact("acme/api"))),
                binding(Map.of("repository", exact("acme/api"), "ref", exact("refs/heads/main"))));
        assertVerdict(CERTAIN, binding(Map.of("repository", exact("acme/api"))), binding(Map.of("ref", exact("refs/heads/main"))));
    }

    @Test
    void oneSharedClaimWithoutACommonValueSeparatesThem() {
        assertVerdict(DISJOINT, binding(Map.of("repository", exact("acme/api"), "ref", exact("refs/heads/main"))),
                binding(Map.of("repository", exact("acme/api"), "ref", exact("refs/heads/dev"))));
    }

    @Test
    void exactAndOneOfAreTestedAgainstEveryOtherMatcher() {
        assertVerdict(CERTAIN, binding(Map.of("ref", exact("refs/heads/main"))), binding(Map.of("ref", glob("refs/heads/*"))));
        assertVerdict(DISJOINT, binding(Map.of("ref", exact("refs/tags/v1"))), binding(Map.of("ref", glob("refs/heads/*"))));
        assertVerdict(CERTAIN, binding(Map.of("ref", regex("refs/heads/ma.n"))), binding(Map.of("ref", exact("refs/heads/main"))));
        assertVerdict(DISJOINT, binding(Map.of("ref", regex("main"))), binding(Map.of("ref", exact("main-evil"))));
        assertVerdict(CERTAIN, binding(Map.of("env", oneOf("prod", "staging"))), binding(Map.of("env", oneOf("dev", "staging"))));
        assertVerdict(DISJOINT, binding(Map.of("env", oneOf("prod", "staging"))), binding(Map.of("env", regex("dev|test"))));
    }

    @Test
    void globsAreComparedExactlyAndRegexesAgainstPatternsAreUndecided() {
        assertVerdict(CERTAIN, binding(Map.of("sub", glob("repo:acme/*"))), binding(Map.of("sub", glob("*:ref:refs/heads/main"))));
        assertVerdict(DISJOINT, binding(Map.of("sub", glob("repo:acme/*"))), binding(Map.of("sub", glob("repo:other/*"))));
        assertVerdict(UNDECIDED, binding(Map.of("sub", regex("repo:acme/.*"))), binding(Map.of("sub", glob("repo:other/*"))));
        assertVerdict(UNDECIDED, binding(Map.of("sub", regex("a.*"))), binding(Map.of("sub", regex("b.*"))));
        assertVerdict(CERTAIN, binding(Map.of("sub", regex("a.*"))), binding(Map.of("sub", regex("a.*"))));
    }

    @Test
    void aProvenlyDifferentClaimWinsOverAnUndecidedOne() {
        assertVerdict(DISJOINT, binding(Map.of("sub", regex("a.*"), "repository", exact("acme/api"))),
                binding(Map.of("sub", glob("b*"), "repository", exact("acme/web"))));
    }

    private static void assertVerdict(TrustBindingOverlap.Verdict expected, OidcTrust first, OidcTrust second) {
        assertEquals(expected, TrustBindingOverlap.between(first, second).verdict(), first + " / " + second);
        assertEquals(expected, TrustBindingOverlap.between(second, first).verdict(), second + " / " + first);
    }

    private static OidcTrust binding(Map<String, ClaimMatcher> claims) {
        return binding(List.of("gatehouse"), claims);
    }

    private static OidcTrust binding(List<String> audiences, Map<String, ClaimMatcher> claims) {
        return OidcTrust.of(ISSUER, audiences, claims, false);
    }

    private static ClaimMatcher exact(String value) {
        return new ClaimMatcher.Exact(value);
    }

    private static ClaimMatcher glob(String glob) {
        return new ClaimMatcher.Glob(glob);
    }

    private static ClaimMatcher regex(String regex) {
        return new ClaimMatcher.Regex(regex);
    }

    private static ClaimMatcher oneOf(String... values) {
        return new ClaimMatcher.OneOf(List.of(values));
    }
}
