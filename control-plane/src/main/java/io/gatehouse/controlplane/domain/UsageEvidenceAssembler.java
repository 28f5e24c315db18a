package io.gatehouse.controlplane.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Turns an identity's daily usage counters and its grants into {@link UsageEvidence}. */
public final class UsageEvidenceAssembler {

    private UsageEvidenceAssembler() {
    }

    /** The operations each grant allows: every method on every path pattern. */
    public static List<UsageEvidence.GrantedOperation> grantedOperations(List<GrantDefinition> grants) {
        List<UsageEvidence.GrantedOperation> operations = new ArrayList<>();
        for (GrantDefinition grant : grants) {
            for (String route : grant.pathPatterns()) {
                for (String method : grant.methods()) {
                    operations.add(new UsageEvidence.GrantedOperation(grant.id(),
                            new OperationKey(grant.resource(), method, route)));
                }
            }
        }
        operations.sort(Comparator.comparing(UsageEvidence.GrantedOperation::operation, OperationKey.ORDER));
        return operations;
    }

    /** @param counters the identity's counters within the window's days */
    public static UsageEvidence assemble(String identity, UsageWindow window, List<UsageCounter> counters,
                                         List<GrantDefinition> grants) {
        List<UsageEvidence.GrantedOperation> granted = grantedOperations(grants);
        Set<OperationKey> grantedKeys = granted.stream().map(UsageEvidence.GrantedOperation::operation)
                .collect(Collectors.toSet());
        Map<OperationKey, List<UsageCounter>> byOperation = new TreeMap<>(OperationKey.ORDER);
        counters.forEach(counter -> byOperation.computeIfAbsent(counter.operation(), key -> new ArrayList<>()).add(counter));
        Map<OperationKey, OperationUsage> operations = new LinkedHashMap<>();
        byOperation.forEach((key, days) -> operations.put(key, total(key, grantedKeys.contains(key), days)));
        List<UsageEvidence.GrantedOperation> unused = granted.stream()
                .filter(operation -> !used(operations.get(operation.operation())))
                .toList();
        return new UsageEvidence(identity, window.start(), window.end(), List.copyOf(operations.values()), unused);
    }

    /** Used: at least one call passed, or was held for a human (the automation did try it). */
    private static boolean used(OperationUsage usage) {
        return usage != null && (usage.allowed() > 0 || usage.heldForApproval() > 0);
    }

    private static OperationUsage total(OperationKey key, boolean granted, List<UsageCounter> days) {
        long calls = 0;
        long allowed = 0;
        long denied = 0;
        long held = 0;
        long approved = 0;
        long masked = 0;
        Instant firstSeen = null;
        Instant lastSeen = null;
        List<OperationUsage.Day> daily = new ArrayList<>();
        for (UsageCounter day : days.stream().sorted(Comparator.comparing(UsageCounter::day)).toList()) {
            calls += day.calls();
            allowed += day.allowed();
            denied += day.denied();
            held += day.heldForApproval();
            approved += day.approved();
            masked += day.maskedValues();
            firstSeen = firstSeen == null || day.firstSeen().isBefore(firstSeen) ? day.firstSeen() : firstSeen;
            lastSeen = lastSeen == null || day.lastSeen().isAfter(lastSeen) ? day.lastSeen() : lastSeen;
            daily.add(new OperationUsage.Day(day.day(), day.calls(), day.allowed(), day.denied()));
        }
        return new OperationUsage(key, granted, calls, allowed, denied, held, approved, masked, firstSeen, lastSeen, daily);
    }
}
