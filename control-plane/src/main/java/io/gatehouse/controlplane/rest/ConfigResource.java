package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.ConfigStatus;
import io.gatehouse.controlplane.service.ConfigStatusService;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/config")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "config", description = "The configuration served to data planes")
public class ConfigResource {

    private final ConfigStatusService status;

    public ConfigResource(ConfigStatusService status) {
        this.status = status;
    }

    @GET
    @Operation(summary = "Current snapshot version, object counts and the declarative config file")
    public ConfigStatus current() {
        return status.status();
    }
}
