package io.gatehouse.controlplane.domain;

import java.time.Instant;
import java.util.Optional;

/** Which audit events a search or an export covers; every present field must match. Times: [from, to). */
public record AuditFilter(Optional<String> requestId, Optional<String> identity, Optional<String> kind,
                          Optional<String> resource, Optional<String> approvalId, Optional<String> method,
                          Optional<AuditDecision> decision, Optional<Instant> from, Optional<Instant> to) {

    public static final AuditFilter ALL = new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public AuditFilter {
        requestId = requestId.filter(value -> !value.isBlank());
        identity = identity.filter(value -> !value.isBlank());
        kind = kind.filter(value -> !value.isBlank());
        resource = resource.filter(value -> !value.isBlank());
        approvalId = approvalId.filter(value -> !value.isBlank());
        method = method.filter(value -> !value.isBlank());
    }

    public AuditFilter withRequestId(String id) {
        return new AuditFilter(Optional.of(id), identity, kind, resource, approvalId, method, decision, from, to);
    }
}
