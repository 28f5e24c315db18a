package io.gatehouse.vaultbroker.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.vaultbroker.config.BrokerConfig;
import io.gatehouse.vaultbroker.model.CallerNode;
import io.gatehouse.vaultbroker.repository.ControlPlaneKeys;
import io.gatehouse.vaultbroker.repository.PublicKeyLookup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a node token the control plane signed: compact JWS, exactly ES256 (no other algorithm, no
 * {@code none}), {@code typ} gatehouse-node+jwt, no {@code crit}, a key id the control plane publishes, a valid
 * signature, iss, aud, exp and nbf (with bounded skew), and a node id and pool. Any failure is a plain refusal.
 */
@ApplicationScoped
public class NodeTokenVerifier {

    static final String ISSUER = "gatehouse-control-plane";
    static final String AUDIENCE = "gatehouse-vault-broker";
    static final String TYPE = "gatehouse-node+jwt";
    static final int MAX_TOKEN_LENGTH = 8192;
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private final PublicKeyLookup keys;
    private final Clock clock;
    private final Duration skew;
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    public NodeTokenVerifier(BrokerConfig config, ControlPlaneKeys keys) {
        this(keys, Clock.systemUTC(), config.controlPlane().clockSkew());
    }

    NodeTokenVerifier(PublicKeyLookup keys, Clock clock, Duration skew) {
        this.keys = keys;
        this.clock = clock;
        this.skew = skew;
    }

    /** The node the token names, when it is a valid node token. */
    public Optional<CallerNode> verify(String token) {
        if (token.length() > MAX_TOKEN_LENGTH || !COMPACT_JWS.matcher(token).matches()) {
            return Optional.empty();
        }
        try {
            String[] parts = token.split("\\.");
            JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"ES256".equals(header.path("alg").asText()) || !TYPE.equals(header.path("typ").asText())
                    || header.has("crit") || !header.path("kid").isTextual()) {
                return Optional.empty();
            }
            Optional<PublicKey> key = keys.key(header.path("kid").asText());
            if (key.isEmpty() || !signatureValid(key.get(), parts)) {
                return Optional.empty();
            }
            return claims(json.readTree(Base64.getUrlDecoder().decode(parts[1])));
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean signatureValid(PublicKey key, String[] parts) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private Optional<CallerNode> claims(JsonNode claims) {
        Instant now = clock.instant();
        boolean valid = ISSUER.equals(claims.path("iss").asText())
                && AUDIENCE.equals(claims.path("aud").asText())
                && claims.path("exp").isIntegralNumber()
                && now.minus(skew).isBefore(Instant.ofEpochSecond(claims.path("exp").asLong()))
                && (!claims.has("nbf") || !now.plus(skew).isBefore(Instant.ofEpochSecond(claims.path("nbf").asLong())))
                && !claims.path("sub").asText("").isBlank()
                && !claims.path("pool").asText("").isBlank();
        return valid ? Optional.of(new CallerNode(claims.path("sub").asText(), claims.path("pool").asText()))
                : Optional.empty();
    }
}
