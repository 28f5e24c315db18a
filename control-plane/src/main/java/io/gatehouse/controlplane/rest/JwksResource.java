package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.security.SigningKey;
import io.gatehouse.controlplane.security.SigningKeys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The public keys that verify node tokens (RFC 7517 JWK Set). Public, like any issuer's JWKS. */
@Path("/.well-known/gatehouse/jwks.json")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "keys", description = "Keys that verify tokens the control plane signs")
public class JwksResource {

    private static final int P256_COORDINATE_BYTES = 32;

    private final SigningKeys keys;

    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Operation(summary = "The JWK Set of the control plane's signing keys (EC P-256, ES256)")
    public Map<String, List<Map<String, String>>> jwks() {
        return Map.of("keys", keys.published().stream().map(JwksResource::jwk).toList());
    }

    private static Map<String, String> jwk(SigningKey key) {
        return Map.of("kty", "EC", "crv", "P-256", "use", "sig", "alg", SigningKey.ALGORITHM, "kid", key.kid(),
                "x", coordinate(key.publicKey().getW().getAffineX()),
                "y", coordinate(key.publicKey().getW().getAffineY()));
    }

    /** Fixed-length big-endian, as RFC 7518 section 6.2.1.2 requires. */
    private static String coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[P256_COORDINATE_BYTES];
        int copy = Math.min(bytes.length, P256_COORDINATE_BYTES);
        System.arraycopy(bytes, bytes.length - copy, fixed, P256_COORDINATE_BYTES - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
