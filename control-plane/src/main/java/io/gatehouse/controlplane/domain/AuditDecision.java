package io.gatehouse.controlplane.domain;

/** The data plane's decision on one call, as recorded in the audit store. */
public enum AuditDecision {
    UNSPECIFIED,
    ALLOWED,
    DENIED,
    PENDING_APPROVAL,
    ERROR;

    /** The decision a stored name stands for; {@link #UNSPECIFIED} for a name this version does not know. */
    public static AuditDecision fromStored(String stored) {
        try {
            return valueOf(stored);
        } catch (IllegalArgumentException | NullPointerException e) {
            return UNSPECIFIED;
        }
    }
}
