package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.ClientSecretInfo;
import io.gatehouse.controlplane.domain.NewClientSecret;
import io.gatehouse.controlplane.service.ClientSecretService;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;

/** The gateway client secrets of an identity (its credentials at the token endpoint). */
@Path("/api/v1/identities/{name}/client-secrets")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "client secrets", description = "Secrets for the client credentials grant; the value is shown once")
public class ClientSecretsResource {

    private final ClientSecretService secrets;
    private final AdminCallers callers;
    private final EntryBodies bodies;

    public ClientSecretsResource(ClientSecretService secrets, AdminCallers callers, EntryBodies bodies) {
        this.secrets = secrets;
        this.callers = callers;
        this.bodies = bodies;
    }

    @GET
    @Operation(summary = "The identity's client secrets (never their value), newest first, revoked ones included")
    public List<ClientSecretInfo> list(@PathParam("name") String name) {
        callers.policyReader();
        return secrets.list(name);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Create a client secret (admin, owner): generated, or {\"secret\": \"...\"} to import a legacy"
            + " static key; optional \"description\". The answer holds the secret: it is not shown again")
    public Response create(@PathParam("name") String name, String body) {
        var request = body == null || body.isBlank() ? null : bodies.read(body);
        String description = request == null ? null : request.path("description").asText(null);
        Optional<String> imported = request == null ? Optional.empty() : Optional.ofNullable(request.path("secret").asText(null));
        NewClientSecret created = secrets.create(callers.current(), name, description, imported);
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(new CreatedSecret(created.info(), created.secret()))
                .build();
    }

    @DELETE
    @Path("/{secretId}")
    @Operation(summary = "Revoke a client secret (admin, owner); tokens already issued run out within their lifetime")
    public ClientSecretInfo revoke(@PathParam("name") String name, @PathParam("secretId") String secretId,
                                   @QueryParam("reason") String reason) {
        return secrets.revoke(callers.current(), name, secretId, reason);
    }

    /** The one answer that carries a secret. */
    public record CreatedSecret(ClientSecretInfo info, String secret) {

        @Override
        public String toString() {
            return "CreatedSecret[" + info.secretId() + "]";
        }
    }
}
