package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.security.EcJwk;
import io.gatehouse.controlplane.service.AssertionKeys;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * The public keys that verify identity assertions (RFC 7517 JWK Set): one per live data-plane process.
 * Upstreams fetch it to check the assertion header; they refetch it when an assertion names an unknown
 * {@code kid} (a data plane that started since).
 */
@Path("/.well-known/gatehouse/assertion-jwks.json")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "keys", description = "Keys that verify tokens the control plane signs")
public class AssertionJwksResource {

    private static final int MAX_AGE_SECONDS = 60;

    private final AssertionKeys keys;

    public AssertionJwksResource(AssertionKeys keys) {
        this.keys = keys;
    }

    @GET
    @Blocking
    @Operation(summary = "The JWK Set that verifies the identity assertions data planes send to upstreams (ES256)")
    public Response jwks() {
        List<Map<String, String>> published = keys.published().stream()
                .map(key -> EcJwk.of(key.kid(), key.publicKey())).toList();
        CacheControl cache = new CacheControl();
        cache.setMaxAge(MAX_AGE_SECONDS);
        return Response.ok(Map.of("keys", published)).cacheControl(cache).build();
    }
}
