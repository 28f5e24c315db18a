package io.gatehouse.controlplane.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pairs of bindings of one issuer worth comparing for an overlap: bindings with different exact
 * (or {@code oneOf}) values of one claim can never overlap, so, for the claim that separates them
 * best, only bindings sharing such a value, and bindings that do not pin it at all, are paired.
 * Keeps the check near linear for the usual document of many bindings told apart by one claim
 * (repository, sub).
 */
public final class OverlapCandidates {

    /** Two positions in the list given, {@code first < second}. */
    public record Pair(int first, int second) {
    }

    private OverlapCandidates() {
    }

    /** Every pair that may overlap, ordered by second then first position. */
    public static List<Pair> among(List<OidcTrust> bindings) {
        TreeSet<Pair> pairs = new TreeSet<>(Comparator.comparingInt(Pair::second).thenComparingInt(Pair::first));
        Optional<String> partitionClaim = mostSeparatingClaim(bindings);
        if (partitionClaim.isEmpty()) {
            addAllPairs(pairs, indices(bindings.size()), bindings.size());
            return List.copyOf(pairs);
        }
        Map<String, List<Integer>> byValue = new HashMap<>();
        List<Integer> unpinned = new ArrayList<>();
        for (int index = 0; index < bindings.size(); index++) {
            Optional<List<String>> values = exactValues(bindings.get(index).claims().get(partitionClaim.get()));
            if (values.isEmpty()) {
                unpinned.add(index);
            } else {
                for (String value : values.get()) {
                    byValue.computeIfAbsent(value, key -> new ArrayList<>()).add(index);
                }
            }
        }
        for (List<Integer> sharingAValue : byValue.values()) {
            addAllPairs(pairs, sharingAValue, sharingAValue.size());
        }
        for (int index : unpinned) {
            for (int other = 0; other < bindings.size(); other++) {
                if (other != index) {
                    pairs.add(new Pair(Math.min(index, other), Math.max(index, other)));
                }
            }
        }
        return List.copyOf(pairs);
    }

    /** The claim whose exact values split the bindings into the fewest pairs to compare. */
    private static Optional<String> mostSeparatingClaim(List<OidcTrust> bindings) {
        Map<String, Map<String, Integer>> bindingsPerValue = new TreeMap<>();
        for (OidcTrust binding : bindings) {
            binding.claims().forEach((claim, matcher) -> exactValues(matcher).ifPresent(values -> values.forEach(value ->
                    bindingsPerValue.computeIfAbsent(claim, key -> new HashMap<>()).merge(value, 1, Integer::sum))));
        }
        long all = bindings.size();
        return bindingsPerValue.entrySet().stream()
                .min(Comparator.comparingLong(claim -> pairsToCompare(claim.getValue(), all, bindings, claim.getKey())))
                .map(Map.Entry::getKey);
    }

    private static long pairsToCompare(Map<String, Integer> bindingsPerValue, long all, List<OidcTrust> bindings, String claim) {
        long unpinned = bindings.stream().filter(binding -> exactValues(binding.claims().get(claim)).isEmpty()).count();
        long withinValues = bindingsPerValue.values().stream().mapToLong(count -> (long) count * count).sum();
        return withinValues + unpinned * all;
    }

    private static Optional<List<String>> exactValues(ClaimMatcher matcher) {
        if (matcher instanceof ClaimMatcher.Exact exact) {
            return Optional.of(List.of(exact.value()));
        }
        if (matcher instanceof ClaimMatcher.OneOf oneOf) {
            return Optional.of(oneOf.oneOf());
        }
        return Optional.empty();
    }

    private static void addAllPairs(Collection<Pair> pairs, List<Integer> indices, int count) {
        for (int second = 1; second < count; second++) {
            for (int first = 0; first < second; first++) {
                pairs.add(new Pair(indices.get(first), indices.get(second)));
            }
        }
    }

    private static List<Integer> indices(int size) {
        List<Integer> indices = new ArrayList<>();
        for (int index = 0; index < size; index++) {
            indices.add(index);
        }
        return indices;
    }
}
