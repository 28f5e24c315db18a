package io.gatehouse.controlplane.domain;

/** What a person may do through the admin API; a person may hold several roles. */
public enum AdminRole {
    /** Everything, on every team's objects. */
    ADMIN,
    /** Manages the identities and grants of the teams they own; reads the policy. */
    OWNER,
    /** Reads the policy and the audit trail (access reviews). */
    REVIEWER,
    /** Reads the policy and the audit trail, nothing else. */
    AUDITOR
}
