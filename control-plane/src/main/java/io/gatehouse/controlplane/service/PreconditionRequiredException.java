package io.gatehouse.controlplane.service;

/** A change of an existing object came without {@code If-Match} (428), so a lost update cannot be ruled out. */
public class PreconditionRequiredException extends RuntimeException {

    public PreconditionRequiredException(String what, String key) {
        super(what + " '" + key + "' exists: send If-Match with the ETag from GET so that a concurrent change is"
                + " not overwritten");
    }
}
