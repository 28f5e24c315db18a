package io.gatehouse.controlplane.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.controlplane.config.ControlPlaneConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys keys;
    private final Clock clock;
    private final Duration lifetime;
    private final ObjectMapper json = new ObjectMapper();

    public NodeTokenIssuer(SigningKeys keys, Clock clock, ControlPlaneConfig config) {
        this.keys = keys;
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
        ObjectNode header = json.createObjectNode().put("alg", SigningKey.ALGORITHM).put("typ", TYPE)
                .put("kid", keys.current().kid());
        ObjectNode claims = json.createObjectNode()
                .put("iss", ISSUER).put("sub", nodeId).put("aud", AUDIENCE).put("pool", pool)
                .put("iat", now.getEpochSecond()).put("nbf", now.getEpochSecond()).put("exp", expiresAt.getEpochSecond())
                .put("jti", UUID.randomUUID().toString());
        String signingInput = encode(header) + "." + encode(claims);
        SigningKeys.Signed signed = keys.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
        String token = signingInput + "." + BASE64URL.encodeToString(signed.signature());
        LOG.infof("issued a node token to %s (pool %s) until %s", nodeId, pool, expiresAt);
        return new NodeToken(token, nodeId, pool, expiresAt);
    }

    private String encode(ObjectNode node) {
        return BASE64URL.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }
}
