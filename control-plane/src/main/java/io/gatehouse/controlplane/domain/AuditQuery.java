package io.gatehouse.controlplane.domain;

import java.util.Optional;

/**
 * One page of a search over the audit store: newest first, at most {@code limit}, and only events stored before
 * the event {@code before} (the cursor: the id of the last event of the previous page).
 */
public record AuditQuery(AuditFilter filter, Optional<Long> before, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** The events of one request. */
    public static AuditQuery byRequestId(String requestId, int limit) {
        return new AuditQuery(AuditFilter.ALL.withRequestId(requestId), Optional.empty(), limit);
    }

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }
}
