package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.ResourceDefinition;
import io.gatehouse.controlplane.service.PolicyEditor;
import io.gatehouse.controlplane.service.PolicyModelReader;
import io.gatehouse.controlplane.service.PolicyObjectKind;
import io.gatehouse.controlplane.service.PolicyObjectKinds;
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

/** Upstream resources (admins write, every role reads). The credential itself never appears here. */
@Path("/api/v1/resources")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "resources", description = "Upstream APIs: routing, credential source and injection, masking")
public class ResourcesResource {

    private static final String COLLECTION = "api/v1/resources";
    private static final PolicyObjectKind<ResourceDefinition> KIND = PolicyObjectKinds.RESOURCES;

    private final PolicyModelReader reader;
    private final PolicyEditor editor;
    private final AdminCallers callers;
    private final EntryBodies bodies;

    public ResourcesResource(PolicyModelReader reader, PolicyEditor editor, AdminCallers callers, EntryBodies bodies) {
        this.reader = reader;
        this.editor = editor;
        this.callers = callers;
        this.bodies = bodies;
    }

    @GET
    @Operation(summary = "List resources by name; page with limit and X-Gatehouse-Next-Cursor")
    public Response list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        callers.policyReader();
        return Pages.of(reader.read().resources().stream()
                        .filter(resource -> cursor == null || resource.name().compareTo(cursor) > 0).toList(),
                limit, ResourceDefinition::name, ResourceView::from);
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One resource, with its ETag")
    public Response get(@PathParam("name") String name) {
        callers.policyReader();
        return PolicyResponses.read(editor.get(KIND, name), ResourceView::from);
    }

    @POST
    @Consumes({EntryBodies.JSON, EntryBodies.YAML, EntryBodies.TEXT_YAML})
    @Operation(summary = "Create a resource; the body is an entry of 'resources' of the declarative config")
    public Response create(String body, @Context UriInfo uri) {
        var entry = bodies.read(body);
        String name = entry.path("name").asText(null);
        if (name == null) {
            throw new InvalidRequestException("name: required");
        }
        return written(editor.put(KIND, callers.current(), name, entry, Precondition.create()), uri);
    }

    @PUT
    @Path("/{name}")
    @Consumes({EntryBodies.JSON, EntryBodies.YAML, EntryBodies.TEXT_YAML})
    @Operation(summary = "Create or replace a resource; replacing needs If-Match with the ETag from GET")
    public Response replace(@PathParam("name") String name, String body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context UriInfo uri) {
        return written(editor.put(KIND, callers.current(), name, bodies.read(body), Precondition.replace(ifMatch, ifNoneMatch)), uri);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a resource that no grant refers to")
    public Response delete(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        editor.delete(KIND, callers.current(), name, Precondition.optional(ifMatch));
        return Response.noContent().build();
    }

    private static Response written(Versioned<ResourceDefinition> versioned, UriInfo uri) {
        return PolicyResponses.written(versioned, ResourceView::from, uri, COLLECTION, versioned.object().name(), null);
    }
}
