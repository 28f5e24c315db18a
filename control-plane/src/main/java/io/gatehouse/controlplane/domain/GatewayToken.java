package io.gatehouse.controlplane.domain;

import java.time.Instant;

/** A signed gateway token for one identity. */
public record GatewayToken(String token, String identity, Instant issuedAt, Instant expiresAt) {

    @Override
    public String toString() {
        return "GatewayToken[" + identity + " until " + expiresAt + "]";
    }
}
