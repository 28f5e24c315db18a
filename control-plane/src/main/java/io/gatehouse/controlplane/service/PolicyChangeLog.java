package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records every change of the policy in the audit trail, in the transaction of the change: kind
 * {@code policy.<object>.<action>} (e.g. {@code policy.identity.updated}), the person as actor.
 * The records form the hash chain of source {@value #SOURCE}.
 */
@ApplicationScoped
public class PolicyChangeLog {

    public static final String SOURCE = "control-plane";

    private final AuditStore audit;
    private final Clock clock;

    public PolicyChangeLog(AuditStore audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    public void record(AdminCaller caller, String object, String action, PolicyObjectKind.AuditSubject subject,
                       String description) {
        audit.store(List.of(new AuditRecord(UUID.randomUUID(), UUID.randomUUID().toString(), clock.instant(), SOURCE,
                subject.identity(), subject.resource(), null, null, AuditDecision.ALLOWED, description, null, 0, 0,
                List.of(), "policy." + object + "." + action, caller.name(), Map.of(), null)));
    }
}
