package io.gatehouse.dataplane.audit;

public enum CallDecision {
    ALLOWED, DENIED, PENDING_APPROVAL, ERROR
}
