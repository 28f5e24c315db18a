package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.DataPlaneNode;
import io.gatehouse.controlplane.service.DataPlaneRegistry;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/data-planes")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "data planes", description = "Config stream state of each data-plane replica")
public class DataPlanesResource {

    private final DataPlaneRegistry registry;
    private final AdminCallers callers;

    public DataPlanesResource(DataPlaneRegistry registry, AdminCallers callers) {
        this.callers = callers;
        this.registry = registry;
    }

    @GET
    @Operation(summary = "Data planes seen by this control plane: connection, versions sent and acknowledged, last NACK")
    public List<DataPlaneNode> dataPlanes() {
        callers.policyReader();
        return registry.nodes();
    }
}
