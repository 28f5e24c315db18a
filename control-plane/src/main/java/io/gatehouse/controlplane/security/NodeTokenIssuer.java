package io.gatehouse.controlplane.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.controlplane.config.ControlPlaneConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Signs node tokens: compact JWS, ES256 (the raw r||s signature of RFC 7518), {@code typ}
 * {@value #TYPE}, claims iss, sub (node id), aud, pool, iat, nbf, exp, jti.
 */
@ApplicationScoped
public class NodeTokenIssuer {

    public static final String ISSUER = "gatehouse-control-plane";
    public static final String AUDIENCE = "gatehouse-vault-broker";
    public static final String TYPE = "gatehouse-node+jwt";
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,252}");
    private static final Logger LOG = Logger.getLogger(NodeTokenIssuer.class);

    private final CompactJws jws;
    private final Clock clock;
    private final Duration lifetime;

    public NodeTokenIssuer(CompactJws jws, Clock clock, ControlPlaneConfig config) {
        this.jws = jws;
        this.clock = clock;
        this.lifetime = config.nodeTokenLifetime();
    }

    /** @throws IllegalArgumentException when the node id is missing or not a plain name */
    public NodeToken issue(String nodeId, String pool) {
        if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("node_id is required: letters, digits, '.', '_', ':', '-' (at most 253)");
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        ObjectNode claims = jws.claims()
                .put("iss", ISSUER).put("sub", nodeId).put("aud", AUDIENCE).put("pool", pool)
                .put("iat", now.getEpochSecond()).put("nbf", now.getEpochSecond()).put("exp", expiresAt.getEpochSecond())
                .put("jti", UUID.randomUUID().toString());
        String token = jws.sign(TYPE, claims);
        LOG.infof("issued a node token to %s (pool %s) until %s", nodeId, pool, expiresAt);
        return new NodeToken(token, nodeId, pool, expiresAt);
    }
}
