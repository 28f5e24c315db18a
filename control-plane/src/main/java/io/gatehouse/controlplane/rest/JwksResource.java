package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.security.EcJwk;
import io.gatehouse.controlplane.security.SigningKeys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/** The public keys that verify node tokens (RFC 7517 JWK Set). Public, like any issuer's JWKS. */
@Path("/.well-known/gatehouse/jwks.json")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "keys", description = "Keys that verify tokens the control plane signs")
public class JwksResource {

    private final SigningKeys keys;

    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Operation(summary = "The JWK Set of the control plane's signing keys (EC P-256, ES256)")
    public Map<String, List<Map<String, String>>> jwks() {
        return Map.of("keys", keys.published().stream().map(key -> EcJwk.of(key.kid(), key.publicKey())).toList());
    }
}
