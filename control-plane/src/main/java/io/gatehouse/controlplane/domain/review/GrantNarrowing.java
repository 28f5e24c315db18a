package io.gatehouse.controlplane.domain.review;

import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.OperationKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Narrows a grant to the operations that were used: a grant allows every method on every path pattern, so the
 * used pairs become one grant per path pattern with the methods used on it (same expiry and approval settings).
 */
public final class GrantNarrowing {

    private GrantNarrowing() {
    }

    /** The grants that replace {@code grant}: itself when all of it was used, none when none of it was. */
    public static List<GrantDefinition> narrow(GrantDefinition grant, Set<OperationKey> used) {
        Map<String, Set<String>> methodsByPath = new TreeMap<>();
        for (String path : grant.pathPatterns()) {
            for (String method : grant.methods()) {
                if (used.contains(new OperationKey(grant.resource(), method, path))) {
                    methodsByPath.computeIfAbsent(path, key -> new TreeSet<>()).add(method);
                }
            }
        }
        int usedPairs = methodsByPath.values().stream().mapToInt(Set::size).sum();
        if (usedPairs == grant.methods().size() * grant.pathPatterns().size()) {
            return List.of(grant);
        }
        List<GrantDefinition> narrowed = new ArrayList<>();
        methodsByPath.forEach((path, methods) -> narrowed.add(new GrantDefinition(grant.identity(), grant.resource(),
                List.copyOf(methods), List.of(path), grant.expiresAt(), grant.approval())));
        return narrowed;
    }

    /** How many operations (method and path pattern pairs) narrowing removes. */
    public static int removedOperations(GrantDefinition grant, List<GrantDefinition> replacements) {
        int kept = replacements.stream().mapToInt(replacement -> replacement.methods().size() * replacement.pathPatterns().size()).sum();
        return grant.methods().size() * grant.pathPatterns().size() - kept;
    }
}
