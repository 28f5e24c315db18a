package io.gatehouse.controlplane.service;

/** The change contradicts the stored policy, e.g. creating what exists or deleting what is still used (409). */
public class PolicyConflictException extends RuntimeException {

    public PolicyConflictException(String message) {
        super(message);
    }
}
