package io.gatehouse.controlplane.service;

/**
 * The object changed since the caller read it, or the caller's expectation about its existence is
 * wrong (412): re-read it, re-apply the change, and send the new ETag.
 */
public class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String message) {
        super(message);
    }
}
