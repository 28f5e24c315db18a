package io.gatehouse.controlplane.service;

/** The audit store could not durably write a batch; the sender should retry later. */
public class AuditStoreUnavailableException extends RuntimeException {

    public AuditStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
