package io.gatehouse.dataplane.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trust bindings of one issuer, indexed by a claim each requires an exact value of: a token is then compared
 * only with the bindings naming one of its values (and with those that require no exact value), not with every
 * binding of a shared issuer such as a CI forge whose thousands of jobs differ by {@code repository}. The index
 * only narrows the candidates; each is still matched in full, so what matches is what a scan would find.
 */
final class IssuerBindings {

    /** A binding with the identity it belongs to and its place among the issuer's bindings. */
    record BoundBinding(int position, Identity identity, OidcBinding binding) {
    }

    /** The bindings that require an exact value at one claim path, by that value. */
    private record ExactClaimIndex(ClaimConstraint path, Map<String, List<BoundBinding>> byValue) {

        void addBindingsNamingValuesOf(Map<String, Object> claims, List<BoundBinding> candidates) {
            Object value = path.valueIn(claims);
            if (value instanceof Collection<?> elements) {
                elements.forEach(element -> addBindingsNaming(ClaimConstraint.scalarText(element), candidates));
            } else {
                addBindingsNaming(ClaimConstraint.scalarText(value), candidates);
            }
        }

        private void addBindingsNaming(String text, List<BoundBinding> candidates) {
            if (text != null) {
                candidates.addAll(byValue.getOrDefault(text, List.of()));
            }
        }
    }

    private static final Comparator<BoundBinding> BY_POSITION = Comparator.comparingInt(BoundBinding::position);

    private final List<ExactClaimIndex> exactClaimIndexes;
    private final List<BoundBinding> withoutExactClaim;

    IssuerBindings(List<BoundBinding> bindings) {
        Map<List<String>, Integer> bindingsPerExactPath = new HashMap<>();
        for (BoundBinding bound : bindings) {
            exactConstraints(bound.binding()).stream().map(ClaimConstraint::path).distinct()
                    .forEach(path -> bindingsPerExactPath.merge(path, 1, Integer::sum));
        }
        Map<List<String>, ClaimConstraint> pathConstraints = new LinkedHashMap<>();
        Map<List<String>, Map<String, List<BoundBinding>>> byPathAndValue = new HashMap<>();
        List<BoundBinding> unindexed = new ArrayList<>();
        for (BoundBinding bound : bindings) {
            // the path most bindings share, so that a token is looked up under as few paths as possible
            ClaimConstraint key = exactConstraints(bound.binding()).stream()
                    .max(Comparator.comparingInt(constraint -> bindingsPerExactPath.get(constraint.path())))
                    .orElse(null);
            if (key == null) {
                unindexed.add(bound);
                continue;
            }
            pathConstraints.putIfAbsent(key.path(), key);
            String value = ((ClaimValueMatcher.Exact) key.matcher()).expected();
            byPathAndValue.computeIfAbsent(key.path(), path -> new HashMap<>())
                    .computeIfAbsent(value, ignored -> new ArrayList<>()).add(bound);
        }
        this.exactClaimIndexes = pathConstraints.values().stream()
                .map(constraint -> new ExactClaimIndex(constraint, freeze(byPathAndValue.get(constraint.path()))))
                .toList();
        this.withoutExactClaim = List.copyOf(unindexed);
    }

    /** The bindings a token with these claims may match, in the order the issuer's bindings were declared. */
    List<BoundBinding> candidates(Map<String, Object> claims) {
        if (exactClaimIndexes.isEmpty()) {
            return withoutExactClaim;
        }
        List<BoundBinding> candidates = new ArrayList<>(withoutExactClaim);
        for (ExactClaimIndex index : exactClaimIndexes) {
            index.addBindingsNamingValuesOf(claims, candidates);
        }
        if (candidates.size() > 1) {
            candidates.sort(BY_POSITION);
        }
        return candidates;
    }

    private static List<ClaimConstraint> exactConstraints(OidcBinding binding) {
        return binding.constraints().stream().filter(constraint -> constraint.matcher() instanceof ClaimValueMatcher.Exact).toList();
    }

    private static Map<String, List<BoundBinding>> freeze(Map<String, List<BoundBinding>> byValue) {
        Map<String, List<BoundBinding>> frozen = new HashMap<>();
        byValue.forEach((value, bound) -> frozen.put(value, List.copyOf(bound)));
        return Map.copyOf(frozen);
    }
}
