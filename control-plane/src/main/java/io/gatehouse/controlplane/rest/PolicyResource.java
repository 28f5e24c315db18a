package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.service.PolicyModelReader;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.List;

/** Read access to the stored policy model: identities, resources and grants. */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "policy", description = "Identities, resources and grants")
public class PolicyResource {

    private final PolicyModelReader reader;
    private final Clock clock;

    public PolicyResource(PolicyModelReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    @GET
    @Path("/identities")
    @Operation(summary = "List identities with owner, expiry, effective status and last use")
    public List<IdentityView> identities() {
        return reader.identityOverviews(clock.instant()).stream().map(IdentityView::from).toList();
    }

    @GET
    @Path("/resources")
    @Operation(summary = "List upstream resources")
    public List<ResourceView> resources() {
        return reader.read().resources().stream().map(ResourceView::from).toList();
    }

    @GET
    @Path("/grants")
    @Operation(summary = "List grants")
    public List<GrantView> grants() {
        return reader.read().grants().stream().map(GrantView::from).toList();
    }
}
