package io.gatehouse.controlplane.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OverlapCandidatesTest {

    @Test
    void bindingsWithDifferentValuesOfTheMostPinnedClaimAreNeverPaired() {
        List<OidcTrust> bindings = new ArrayList<>();
        for (int index = 0; index < 10_000; index++) {
            bindings.add(binding(Map.of("repository", new ClaimMatcher.Exact("acme/repo-" + index),
                    "ref", new ClaimMatcher.Exact("refs/heads/main"))));
        }

        assertEquals(List.of(), OverlapCandidates.among(bindings));
    }

    @Test
    void bindingsSharingAValueOrNotPinningTheClaimArePairedOnce() {
        List<OidcTrust> bindings = List.of(
                binding(Map.of("repository", new ClaimMatcher.Exact("acme/api"))),
                binding(Map.of("repository", new ClaimMatcher.Exact("acme/web"))),
                binding(Map.of("repository", new ClaimMatcher.OneOf(List.of("acme/api", "acme/web")))),
                binding(Map.of("repository", new ClaimMatcher.Glob("acme/*"))),
                binding(Map.of("repository", new ClaimMatcher.Exact("acme/docs"))));

        assertEquals(List.of(new OverlapCandidates.Pair(0, 2), new OverlapCandidates.Pair(1, 2),
                        new OverlapCandidates.Pair(0, 3), new OverlapCandidates.Pair(1, 3), new OverlapCandidates.Pair(2, 3),
                        new OverlapCandidates.Pair(3, 4)),
                OverlapCandidates.among(bindings));
    }

    @Test
    void withoutAnyPinnedClaimEveryPairIsACandidate() {
        List<OidcTrust> bindings = List.of(binding(Map.of("sub", new ClaimMatcher.Glob("a*"))),
                binding(Map.of("sub", new ClaimMatcher.Regex("b.*"))), binding(Map.of("env", new ClaimMatcher.Glob("p*"))));

        assertEquals(List.of(new OverlapCandidates.Pair(0, 1), new OverlapCandidates.Pair(0, 2), new OverlapCandidates.Pair(1, 2)),
                OverlapCandidates.among(bindings));
    }

    private static OidcTrust binding(Map<String, ClaimMatcher> claims) {
        return OidcTrust.of("https://ci.acme.example", List.of("gatehouse"), claims, false);
    }
}
