package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.TeamDefinition;
import io.gatehouse.controlplane.service.PolicyModelReader;
import io.gatehouse.controlplane.service.PolicyObjectKind;
import io.gatehouse.controlplane.service.PolicyObjectKinds;
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

/** Teams: who owns identities and who approves their calls by default (admins write; owners edit their own). */
@Path("/api/v1/teams")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "teams", description = "Teams owning identities: contact, owner groups, default approver group")
public class TeamsResource {

    private static final String COLLECTION = "api/v1/teams";
    private static final PolicyObjectKind<TeamDefinition> KIND = PolicyObjectKinds.TEAMS;

    private final PolicyModelReader reader;
    private final PolicyObjectWrites writes;
    private final AdminCallers callers;

    public TeamsResource(PolicyModelReader reader, PolicyObjectWrites writes, AdminCallers callers) {
        this.reader = reader;
        this.writes = writes;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "List teams by name; page with limit and X-Gatehouse-Next-Cursor")
    public Response list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        callers.policyReader();
        return Pages.of(reader.teams().stream().filter(team -> cursor == null || team.name().compareTo(cursor) > 0).toList(),
                limit, TeamDefinition::name, team -> team);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One team, with its ETag")
    public Response get(@PathParam("name") String name) {
        return writes.get(KIND, name, team -> team);
    }

    @POST
    @Consumes({EntryBodies.JSON, EntryBodies.YAML, EntryBodies.TEXT_YAML})
    @Operation(summary = "Create a team (admins); the body is an entry of 'teams' of the declarative config")
    public Response create(String body, @Context UriInfo uri) {
        return writes.create(KIND, COLLECTION, body, uri, team -> team, true);
    }

    @PUT
    @Path("/{name}")
    @Consumes({EntryBodies.JSON, EntryBodies.YAML, EntryBodies.TEXT_YAML})
    @Operation(summary = "Create or replace a team; replacing needs If-Match with the ETag from GET")
    public Response replace(@PathParam("name") String name, String body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context UriInfo uri) {
        return writes.replace(KIND, COLLECTION, name, body, ifMatch, ifNoneMatch, uri, team -> team);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a team no identity belongs to (admins)")
    public Response delete(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return writes.delete(KIND, name, ifMatch);
    }
}
