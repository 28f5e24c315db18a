package io.gatehouse.vaultbroker.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.vaultbroker.model.CallerNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final ObjectMapper json = new ObjectMapper();
    private final KeyPair controlPlaneKey = ecKey();
    private final KeyPair otherKey = ecKey();
    private final NodeTokenVerifier verifier = new NodeTokenVerifier(
            kid -> "cp-1".equals(kid) ? Optional.of(controlPlaneKey.getPublic()) : Optional.empty(),
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));

    @Test
    void aTokenTheControlPlaneSignedNamesTheNodeAndItsPool() {
        assertEquals(Optional.of(new CallerNode("dp-1", "edge")), verifier.verify(token(header -> { }, claims -> { })));
    }

    @Test
    void theClockSkewIsBounded() {
        assertTrue(verifier.verify(token(header -> { }, claims -> claims.put("exp", NOW.getEpochSecond() - 20))).isPresent());
        assertRefused(token(header -> { }, claims -> claims.put("exp", NOW.getEpochSecond() - 31)));
        assertRefused(token(header -> { }, claims -> claims.put("nbf", NOW.getEpochSecond() + 31)));
    }

    @Test
    void refusesEverythingElse() {
        assertRefused(token(header -> header.put("alg", "none"), claims -> { }));
        assertRefused(token(header -> header.put("alg", "ES384"), claims -> { }));
        assertRefused(token(header -> header.put("typ", "JWT"), claims -> { }));
        assertRefused(token(header -> header.putArray("crit").add("exp"), claims -> { }));
        assertRefused(token(header -> header.put("kid", "unknown"), claims -> { }));
        assertRefused(token(header -> { }, claims -> claims.put("aud", "someone-else")));
        assertRefused(token(header -> { }, claims -> claims.put("iss", "https://issuer.example")));
        assertRefused(token(header -> { }, claims -> claims.remove("exp")));
        assertRefused(token(header -> { }, claims -> claims.remove("pool")));
        assertRefused(token(header -> { }, claims -> claims.put("sub", " ")));
        assertRefused(signed(otherKey.getPrivate(), header(header -> { }), claims(claims -> { })));
        String genuine = token(header -> { }, claims -> { });
        String[] parts = genuine.split("\\.");
        String widerPool = encode(claims(claims -> claims.put("pool", "default")));
        assertRefused(parts[0] + "." + widerPool + "." + parts[2]);
        assertRefused(parts[0] + "." + parts[1] + ".");
        assertRefused("not-a-token");
        assertRefused(genuine + "x".repeat(NodeTokenVerifier.MAX_TOKEN_LENGTH));
    }

    private void assertRefused(String token) {
        assertTrue(verifier.verify(token).isEmpty(), "must be refused: " + token);
    }

    private String token(Consumer<ObjectNode> headerChange, Consumer<ObjectNode> claimsChange) {
        return signed(controlPlaneKey.getPrivate(), header(headerChange), claims(claimsChange));
    }

    private ObjectNode header(Consumer<ObjectNode> change) {
        ObjectNode header = json.createObjectNode().put("alg", "ES256").put("typ", NodeTokenVerifier.TYPE).put("kid", "cp-1");
        change.accept(header);
        return header;
    }

    private ObjectNode claims(Consumer<ObjectNode> change) {
        ObjectNode claims = json.valueToTree(Map.of("iss", NodeTokenVerifier.ISSUER, "aud", NodeTokenVerifier.AUDIENCE,
                "sub", "dp-1", "pool", "edge", "iat", NOW.getEpochSecond(), "nbf", NOW.getEpochSecond(),
                "exp", NOW.getEpochSecond() + 900));
        change.accept(claims);
        return claims;
    }

    private String signed(PrivateKey key, ObjectNode header, ObjectNode claims) {
        String input = encode(header) + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + BASE64URL.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(ObjectNode node) {
        return BASE64URL.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
