package io.gatehouse.dataplane.rest;

import io.gatehouse.dataplane.audit.AuditShipper;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import io.gatehouse.dataplane.snapshot.PolicyHolder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What this replica enforces right now; served on the management port only. */
@Path("/api/v1/status")
public class StatusResource {

    private final PolicyHolder policies;
    private final AuditShipper audit;
    private final DataPlaneConfig config;

    public StatusResource(PolicyHolder policies, AuditShipper audit, DataPlaneConfig config) {
        this.policies = policies;
        this.audit = audit;
        this.config = config;
    }

    public record Status(String dataPlaneId, String configVersion, boolean controlPlaneConnected, String lastContact,
                         boolean enforcing, int auditBacklog) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Status status() {
        PolicySnapshot current = policies.current();
        return new Status(config.dataPlane().id(), current == null ? null : current.version(), policies.isConnected(),
                policies.lastContact().toString(), policies.enforceable() != null, audit.backlog());
    }
}
