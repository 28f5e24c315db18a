package io.gatehouse.controlplane.domain;

import java.util.Objects;

/** A grant whose calls are held until {@code quorum} members of {@code approverGroup} approve. */
public record ApprovalRequirement(String approverGroup, int quorum) {

    public ApprovalRequirement {
        Objects.requireNonNull(approverGroup, "approverGroup");
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be at least 1");
        }
    }
}
