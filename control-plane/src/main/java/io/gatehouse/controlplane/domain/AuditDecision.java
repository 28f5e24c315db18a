package io.gatehouse.controlplane.domain;

/** The data plane's decision on one call, as recorded in the audit store. */
public enum AuditDecision {
    UNSPECIFIED,
    ALLOWED,
    DENIED,
    PENDING_APPROVAL,
    ERROR
}
