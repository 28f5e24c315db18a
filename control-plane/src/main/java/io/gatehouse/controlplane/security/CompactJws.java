package io.gatehouse.controlplane.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Writes compact JWS (RFC 7515) signed by the control plane's current key: ES256 with the raw r||s
 * signature of RFC 7518, the key id in {@code kid} and the token type in {@code typ}.
 */
@ApplicationScoped
public class CompactJws {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SigningKeys keys;
    private final ObjectMapper json = new ObjectMapper();

    public CompactJws(SigningKeys keys) {
        this.keys = keys;
    }

    public ObjectNode claims() {
        return json.createObjectNode();
    }

    public String sign(String type, ObjectNode claims) {
        // one key for kid and signature: a reload between the two must not make them disagree
        SigningKey key = keys.current();
        ObjectNode header = json.createObjectNode().put("alg", SigningKey.ALGORITHM).put("typ", type)
                .put("kid", key.kid());
        String signingInput = encode(header) + "." + encode(claims);
        SigningKeys.Signed signed = keys.sign(key, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + BASE64URL.encodeToString(signed.signature());
    }

    private static String encode(ObjectNode node) {
        return BASE64URL.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }
}
