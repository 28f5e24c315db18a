package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.ConfigStatus;
import io.gatehouse.controlplane.domain.PolicyDiff;
import io.gatehouse.controlplane.service.ConfigStatusService;
import io.gatehouse.controlplane.service.DeclarativeApplyService;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/config")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "config", description = "The configuration served to data planes, and the declarative YAML")
public class ConfigResource {

    private final ConfigStatusService status;
    private final DeclarativeApplyService declarative;
    private final AdminCallers callers;

    public ConfigResource(ConfigStatusService status, DeclarativeApplyService declarative, AdminCallers callers) {
        this.status = status;
        this.declarative = declarative;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "Current snapshot version, object counts and the declarative config file")
    public ConfigStatus current() {
        callers.policyReader();
        return status.status();
    }

    @GET
    @Path("/export")
    @Produces({EntryBodies.YAML, EntryBodies.TEXT_YAML})
    @Operation(summary = "The stored policy as declarative YAML; applying it back changes nothing")
    public String export() {
        callers.policyReader();
        return declarative.export();
    }

    @POST
    @Path("/apply")
    @Consumes({EntryBodies.YAML, EntryBodies.TEXT_YAML, EntryBodies.JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "Apply a declarative YAML document (admins): dryRun=true only answers the diff; without prune"
            + " objects the document does not name stay, with prune=true they are deleted")
    public PolicyDiff apply(String document, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
                            @QueryParam("prune") @DefaultValue("false") boolean prune) {
        return declarative.apply(callers.current(), document == null ? "" : document, prune, dryRun);
    }
}
