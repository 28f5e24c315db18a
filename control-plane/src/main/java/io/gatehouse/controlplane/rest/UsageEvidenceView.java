package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.OperationUsage;
import io.gatehouse.controlplane.domain.UsageEvidence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The JSON form of {@link UsageEvidence}. */
public record UsageEvidenceView(String identity, Instant since, Instant until, long calls,
                                List<Operation> operations, List<GrantedOperation> unusedGrants) {

    public static UsageEvidenceView from(UsageEvidence evidence) {
        return new UsageEvidenceView(evidence.identity(), evidence.since(), evidence.until(), evidence.calls(),
                evidence.operations().stream().map(Operation::from).toList(),
                evidence.unusedGrants().stream().map(GrantedOperation::from).toList());
    }

    /** One operation's calls; {@code route} is null for calls no grant allowed, {@code resource} for unrouted calls. */
    public record Operation(String resource, String method, String route, boolean granted, long calls, long allowed,
                            long denied, long heldForApproval, long approved, long maskedValues, Instant firstSeen,
                            Instant lastSeen, List<Day> daily) {

        static Operation from(OperationUsage usage) {
            return new Operation(usage.operation().resource(), usage.operation().method(), usage.operation().route(),
                    usage.granted(), usage.calls(), usage.allowed(), usage.denied(), usage.heldForApproval(),
                    usage.approved(), usage.maskedValues(), usage.firstSeen(), usage.lastSeen(),
                    usage.daily().stream().map(day -> new Day(day.day(), day.calls(), day.allowed(), day.denied())).toList());
        }
    }

    public record Day(LocalDate day, long calls, long allowed, long denied) {
    }

    /** An operation a grant allows that was not used in the window. */
    public record GrantedOperation(String grantId, String resource, String method, String route) {

        static GrantedOperation from(UsageEvidence.GrantedOperation granted) {
            return new GrantedOperation(granted.grantId(), granted.operation().resource(), granted.operation().method(),
                    granted.operation().route());
        }
    }
}
