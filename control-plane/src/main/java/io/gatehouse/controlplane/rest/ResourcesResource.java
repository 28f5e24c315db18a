package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.ResourceDefinition;
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

/** Upstream resources (admins write, every role reads). The credential itself never appears here. */
@Path("/api/v1/resources")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "resources", description = "Upstream APIs: routing, credential source and injection, masking")
public class ResourcesResource {

    private static final String COLLECTION = "api/v1/resources";
    private static final PolicyObjectKind<ResourceDefinition> KIND = PolicyObjectKinds.RESOURCES;

    private final PolicyModelReader reader;
    private final PolicyObjectWrites writes;
    private final AdminCallers callers;

    public ResourcesResource(PolicyModelReader reader, PolicyObjectWrites writes, AdminCallers callers) {
        this.reader = reader;
        this.writes = writes;
        this.callers = callers;
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
        return writes.get(KIND, name, ResourceView::from);
    }

    @POST
    @Consumes({EntryBodies.JSON, EntryBodies.YAML, EntryBodies.TEXT_YAML})
    @Operation(summary = "Create a resource; the body is an entry of 'resources' of the declarative config")
    public Response create(String body, @Context UriInfo uri) {
        return writes.create(KIND, COLLECTION, body, uri, ResourceView::from, true);
    }

    @PUT
    @Path("/{name}")
    @Consumes({EntryBodies.JSON, EntryBodies.YAML, EntryBodies.TEXT_YAML})
    @Operation(summary = "Create or replace a resource; replacing needs If-Match with the ETag from GET")
    public Response replace(@PathParam("name") String name, String body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context UriInfo uri) {
        return writes.replace(KIND, COLLECTION, name, body, ifMatch, ifNoneMatch, uri, ResourceView::from);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a resource that no grant refers to")
    public Response delete(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return writes.delete(KIND, name, ifMatch);
    }
}
