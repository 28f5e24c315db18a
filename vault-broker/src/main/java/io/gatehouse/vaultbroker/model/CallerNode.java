package io.gatehouse.vaultbroker.model;

/** The data plane behind a call, as its token proves: its node id and the pool it belongs to. */
public record CallerNode(String nodeId, String pool) {

    /** The pool of data planes that present a static token from the broker's own config. */
    public static final String DEFAULT_POOL = "default";
}
