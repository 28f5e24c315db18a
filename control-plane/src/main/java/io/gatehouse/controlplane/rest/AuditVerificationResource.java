package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.AuditChainReport;
import io.gatehouse.controlplane.service.AuditChainVerifier;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.SQLException;
import java.util.Optional;

@Path("/api/v1/audit/verify")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditVerificationResource {

    private final AuditChainVerifier verifier;
    private final AdminCallers callers;

    public AuditVerificationResource(AuditChainVerifier verifier, AdminCallers callers) {
        this.callers = callers;
        this.verifier = verifier;
    }

    @GET
    @Blocking
    @Operation(summary = "Verify the audit hash chains and their signed checkpoints; reports every gap, edit or deletion")
    public AuditChainReport verify(
            @Parameter(description = "Only the chain of this source (a data-plane id, approval-service, vault-broker)")
            @QueryParam("source") String source) throws SQLException {
        callers.auditReader();
        return verifier.verify(Optional.ofNullable(source).filter(value -> !value.isBlank()));
    }
}
