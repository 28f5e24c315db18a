package io.gatehouse.controlplane.security;

import java.time.Instant;

/** A signed token naming one node and its pool. {@code toString} leaves the token out. */
public record NodeToken(String token, String nodeId, String pool, Instant expiresAt) {

    @Override
    public String toString() {
        return "NodeToken[node=" + nodeId + ", pool=" + pool + ", expiresAt=" + expiresAt + "]";
    }
}
