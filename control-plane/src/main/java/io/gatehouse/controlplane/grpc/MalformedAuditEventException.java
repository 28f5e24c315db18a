package io.gatehouse.controlplane.grpc;

/** An audit event of a batch lacks what the store needs (event id, time). */
class MalformedAuditEventException extends RuntimeException {

    MalformedAuditEventException(String message) {
        super(message);
    }
}
