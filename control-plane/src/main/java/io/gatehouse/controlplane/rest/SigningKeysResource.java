package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.AdminRole;
import io.gatehouse.controlplane.domain.SigningKeyInfo;
import io.gatehouse.controlplane.security.SigningKeyRotationConflictException;
import io.gatehouse.controlplane.service.SigningKeyService;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** The control plane's signing keys and their rotation. Private keys never leave the database. */
@Path("/api/v1/signing-keys")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "signing keys", description = "Keys that sign gateway tokens, snapshots and audit checkpoints; rotation")
public class SigningKeysResource {

    private final SigningKeyService keys;
    private final AdminCallers callers;

    public SigningKeysResource(SigningKeyService keys, AdminCallers callers) {
        this.keys = keys;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "Every signing key, newest first: kid, state (next, current, retired, archived) and its times")
    public List<SigningKeyInfo> list() {
        callers.requireAny("list the signing keys", AdminRole.ADMIN, AdminRole.AUDITOR);
        return keys.list();
    }

    @POST
    @Path("/rotate")
    @Operation(summary = "Start a rotation (admin): a new key is published now and signs after the publish-ahead time."
            + " immediate=true: it signs at once and the current key is retired (still published until retire-after,"
            + " so tokens it signed keep working); 409 while a rotation is under way")
    public Response rotate(@QueryParam("immediate") boolean immediate) {
        SigningKeyInfo created = keys.rotate(callers.requireAny("rotate the signing keys", AdminRole.ADMIN), immediate);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @ServerExceptionMapper
    public Response rotationUnderWay(SigningKeyRotationConflictException e) {
        return ProblemDetail.response(Response.Status.CONFLICT, e.getMessage());
    }
}
