package io.gatehouse.controlplane.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.GatewayToken;
import io.gatehouse.controlplane.security.CompactJws;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * Signs gateway tokens, whatever grant earned them: JWTs of type {@code at+jwt} with the RFC 9068 claims, valid
 * for the configured lifetime but never beyond the identity's own expiry. Data planes verify them with the keys
 * delivered in the config.
 */
@ApplicationScoped
public class GatewayTokenIssuer {

    public static final String TOKEN_TYPE = "at+jwt";

    private final CompactJws jws;
    private final ControlPlaneConfig.Tokens config;

    public GatewayTokenIssuer(CompactJws jws, ControlPlaneConfig config) {
        this.jws = jws;
        this.config = config.tokens();
    }

    /** A claims object to fill with grant-specific claims for {@link #issue}. */
    public ObjectNode extraClaims() {
        return jws.claims();
    }

    /** A token for {@code identity}, which may not outlive {@code identityExpiresAt}, with {@code extraClaims} added. */
    public GatewayToken issue(String identity, Instant identityExpiresAt, Instant now, ObjectNode extraClaims) {
        Instant expiresAt = now.plus(config.lifetime());
        if (expiresAt.isAfter(identityExpiresAt)) {
            expiresAt = identityExpiresAt;
        }
        ObjectNode claims = jws.claims()
                .put("iss", config.issuer()).put("sub", identity).put("aud", config.audience())
                .put("client_id", identity).put("iat", now.getEpochSecond()).put("nbf", now.getEpochSecond())
                .put("exp", expiresAt.getEpochSecond()).put("jti", UUID.randomUUID().toString());
        claims.setAll(extraClaims);
        return new GatewayToken(jws.sign(TOKEN_TYPE, claims), identity, now, expiresAt);
    }
}
