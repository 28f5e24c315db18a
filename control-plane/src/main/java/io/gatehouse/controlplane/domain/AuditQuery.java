package io.gatehouse.controlplane.domain;

import java.util.Optional;

/** Filters over the audit store; results are newest first, at most {@code limit}. */
public record AuditQuery(Optional<String> requestId, Optional<String> identity, Optional<String> kind,
                         Optional<String> resource, Optional<String> approvalId, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** The events of one request. */
    public static AuditQuery byRequestId(String requestId, int limit) {
        return new AuditQuery(Optional.of(requestId), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), limit);
    }

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        requestId = requestId.filter(value -> !value.isBlank());
        identity = identity.filter(value -> !value.isBlank());
        kind = kind.filter(value -> !value.isBlank());
        resource = resource.filter(value -> !value.isBlank());
        approvalId = approvalId.filter(value -> !value.isBlank());
    }
}
