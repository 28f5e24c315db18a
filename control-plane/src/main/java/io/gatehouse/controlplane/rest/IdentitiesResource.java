package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.IdentityKind;
import io.gatehouse.controlplane.domain.IdentityOverview;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.gatehouse.controlplane.service.PolicyEditor;
import io.gatehouse.controlplane.service.PolicyModelReader;
import io.gatehouse.controlplane.service.PolicyObjectKind;
import io.gatehouse.controlplane.service.PolicyObjectKinds;
import io.gatehouse.controlplane.service.PolicyObjectNotFoundException;
import io.gatehouse.controlplane.service.Precondition;
import io.gatehouse.controlplane.service.Versioned;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Identities: list, read, create, replace, delete, and status changes (suspend, revoke, activate). */
@Path("/api/v1/identities")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "identities", description = "Automations: owner, purpose, expiry, status and how they authenticate")
public class IdentitiesResource {

    private static final String COLLECTION = "api/v1/identities";
    private static final PolicyObjectKind<IdentityDefinition> KIND = PolicyObjectKinds.IDENTITIES;

    private final PolicyModelReader reader;
    private final PolicyEditor editor;
    private final PolicyObjectWrites writes;
    private final AdminCallers callers;
    private final EntryBodies bodies;
    private final Clock clock;

    public IdentitiesResource(PolicyModelReader reader, PolicyEditor editor, PolicyObjectWrites writes, AdminCallers callers,
                              EntryBodies bodies, Clock clock) {
        this.reader = reader;
        this.editor = editor;
        this.writes = writes;
        this.callers = callers;
        this.bodies = bodies;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "List identities by name with owner, expiry, effective status and last use; filter by team,"
            + " status and kind; page with limit and the X-Gatehouse-Next-Cursor header (pass it as cursor)")
    public Response list(@QueryParam("team") String team, @QueryParam("status") String status,
                         @QueryParam("kind") String kind, @QueryParam("cursor") String cursor,
                         @QueryParam("limit") Integer limit) {
        callers.policyReader();
        Optional<IdentityStatus> wantedStatus = Optional.ofNullable(status).map(IdentitiesResource::status);
        Optional<IdentityKind> wantedKind = Optional.ofNullable(kind).map(IdentitiesResource::kind);
        List<IdentityOverview> matching = reader.identityOverviews(clock.instant()).stream()
                .filter(overview -> team == null || overview.definition().ownerTeam().equals(team))
                .filter(overview -> wantedStatus.map(wanted -> overview.effectiveStatus() == wanted).orElse(true))
                .filter(overview -> wantedKind.map(wanted -> overview.definition().kind() == wanted).orElse(true))
                .filter(overview -> cursor == null || overview.definition().name().compareTo(cursor) > 0)
                .toList();
        return Pages.of(matching, limit, overview -> overview.definition().name(), IdentityView::from);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One identity, with its ETag for a later PUT, POST .../suspend etc.")
    public Response get(@PathParam("name") String name) {
        return writes.get(KIND, name, this::view);
    }

    @POST
    @Consumes({EntryBodies.JSON, EntryBodies.YAML, EntryBodies.TEXT_YAML})
    @Operation(summary = "Create an identity; the body is an entry of 'identities' of the declarative config (JSON or YAML)")
    public Response create(String body, @Context UriInfo uri) {
        return writes.create(KIND, COLLECTION, body, uri, this::view, true);
    }

    @PUT
    @Path("/{name}")
    @Consumes({EntryBodies.JSON, EntryBodies.YAML, EntryBodies.TEXT_YAML})
    @Operation(summary = "Create or replace an identity; replacing needs If-Match with the ETag from GET")
    public Response replace(@PathParam("name") String name, String body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context UriInfo uri) {
        return writes.replace(KIND, COLLECTION, name, body, ifMatch, ifNoneMatch, uri, this::view);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete an identity without grants (revoke it to keep its history visible)")
    public Response delete(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return writes.delete(KIND, name, ifMatch);
    }

    @POST
    @Path("/{name}/{action: suspend|revoke|activate}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Suspend, revoke or (admins only, for revoked identities) activate an identity; the optional"
            + " body {\"reason\": \"...\"} is recorded in the audit trail")
    public Response changeStatus(@PathParam("name") String name, @PathParam("action") String action, String body,
                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        IdentityStatus status = switch (action) {
            case "suspend" -> IdentityStatus.SUSPENDED;
            case "revoke" -> IdentityStatus.REVOKED;
            default -> IdentityStatus.ACTIVE;
        };
        Versioned<IdentityDefinition> changed = editor.changeStatus(callers.current(), name, status,
                reason(body), Precondition.optional(ifMatch));
        return PolicyResponses.read(changed, this::view);
    }

    /** The optional body of a status change: {@code {"reason": "..."}}. */
    private String reason(String body) {
        return body == null || body.isBlank() ? null : bodies.read(body).path("reason").asText(null);
    }

    private Object view(IdentityDefinition identity) {
        return reader.identityOverviews(clock.instant()).stream()
                .filter(overview -> overview.definition().name().equals(identity.name()))
                .findFirst().map(IdentityView::from)
                .orElseThrow(() -> new PolicyObjectNotFoundException(KIND.label(), identity.name()));
    }

    private static IdentityStatus status(String text) {
        return Arrays.stream(IdentityStatus.values()).filter(value -> value.name().equalsIgnoreCase(text)).findFirst()
                .orElseThrow(() -> new InvalidRequestException("status: unknown value '" + text + "' (allowed: "
                        + String.join(", ", Arrays.stream(IdentityStatus.values()).map(value -> value.name().toLowerCase(Locale.ROOT)).toList()) + ")"));
    }

    private static IdentityKind kind(String text) {
        return IdentityKind.fromDeclaredName(text)
                .orElseThrow(() -> new InvalidRequestException("kind: unknown value '" + text + "' (allowed: "
                        + String.join(", ", Arrays.stream(IdentityKind.values()).map(IdentityKind::declaredName).toList()) + ")"));
    }
}
