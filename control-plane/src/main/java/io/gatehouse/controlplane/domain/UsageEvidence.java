package io.gatehouse.controlplane.domain;

import java.time.Instant;
import java.util.List;

/**
 * What one identity did with its access in a window of whole UTC days: its calls per operation, and the operations
 * its grants allow that it never called with success in the window.
 */
public record UsageEvidence(String identity, Instant since, Instant until, List<OperationUsage> operations,
                            List<GrantedOperation> unusedGrants) {

    public UsageEvidence {
        operations = List.copyOf(operations);
        unusedGrants = List.copyOf(unusedGrants);
    }

    public long calls() {
        return operations.stream().mapToLong(OperationUsage::calls).sum();
    }

    /** An operation one grant allows: one of its methods on one of its path patterns. */
    public record GrantedOperation(String grantId, OperationKey operation) {
    }
}
