package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.service.PolicyEditor;
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

import java.util.Comparator;

/**
 * Grants, addressed by an id derived from identity, resource, methods and paths: changing expiry or
 * approval keeps the id, changing the operations gives the grant a new one (sent as Location).
 */
@Path("/api/v1/grants")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "grants", description = "Identity x resource x operations, with expiry and approval requirements")
public class GrantsResource {

    private static final String COLLECTION = "api/v1/grants";
    private static final PolicyObjectKind<GrantDefinition> KIND = PolicyObjectKinds.GRANTS;

    private final PolicyModelReader reader;
    private final PolicyEditor editor;
    private final PolicyObjectWrites writes;
    private final AdminCallers callers;

    public GrantsResource(PolicyModelReader reader, PolicyEditor editor, PolicyObjectWrites writes, AdminCallers callers) {
        this.reader = reader;
        this.editor = editor;
        this.writes = writes;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "List grants, filtered by identity and/or resource, by id; page with limit and X-Gatehouse-Next-Cursor")
    public Response list(@QueryParam("identity") String identity, @QueryParam("resource") String resource,
                         @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        callers.policyReader();
        return Pages.of(reader.read().grants().stream()
                        .filter(grant -> identity == null || grant.identity().equals(identity))
                        .filter(grant -> resource == null || grant.resource().equals(resource))
                        .filter(grant -> cursor == null || grant.id().compareTo(cursor) > 0)
                        .sorted(Comparator.comparing(GrantDefinition::id))
                        .toList(),
                limit, GrantDefinition::id, GrantView::from);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One grant, with its ETag")
    public Response get(@PathParam("id") String id) {
        return writes.get(KIND, id, GrantView::from);
    }

    @POST
    @Consumes({EntryBodies.JSON, EntryBodies.YAML, EntryBodies.TEXT_YAML})
    @Operation(summary = "Create a grant; the body is an entry of 'grants' of the declarative config")
    public Response create(String body, @Context UriInfo uri) {
        return writes.create(KIND, COLLECTION, body, uri, GrantView::from, false);
    }

    @PUT
    @Path("/{id}")
    @Consumes({EntryBodies.JSON, EntryBodies.YAML, EntryBodies.TEXT_YAML})
    @Operation(summary = "Replace a grant (If-Match required); new operations give it a new id, sent as Location")
    public Response replace(@PathParam("id") String id, String body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Context UriInfo uri) {
        // a grant's id follows from its content, so a PUT cannot create one
        editor.get(KIND, id);
        return writes.replace(KIND, COLLECTION, id, body, ifMatch, null, uri, GrantView::from);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a grant")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return writes.delete(KIND, id, ifMatch);
    }
}
