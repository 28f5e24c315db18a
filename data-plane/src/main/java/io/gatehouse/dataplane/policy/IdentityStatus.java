package io.gatehouse.dataplane.policy;

public enum IdentityStatus {
    ACTIVE, SUSPENDED, REVOKED, EXPIRED
}
