package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.AuditQuery;
import io.gatehouse.controlplane.service.AuditStore;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;

@Path("/api/v1/audit/events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "The audit store: one event per proxied call, and the security events of the other services")
public class AuditEventsResource {

    private final AuditStore store;

    public AuditEventsResource(AuditStore store) {
        this.store = store;
    }

    @GET
    @Operation(summary = "Search audit events, newest first")
    public List<AuditEventView> search(
            @Parameter(description = "Only events of this request id (X-Gatehouse-Request-Id)") @QueryParam("requestId") String requestId,
            @Parameter(description = "Only events of this identity") @QueryParam("identity") String identity,
            @Parameter(description = "Only events of this kind: call, or e.g. approval.approved, credential.denied") @QueryParam("kind") String kind,
            @Parameter(description = "Only events about this resource") @QueryParam("resource") String resource,
            @Parameter(description = "Only events of this approval") @QueryParam("approvalId") String approvalId,
            @Parameter(description = "Maximum number of events, 1-500 (default 50)") @QueryParam("limit") String limit) {
        AuditQuery query = new AuditQuery(Optional.ofNullable(requestId), Optional.ofNullable(identity),
                Optional.ofNullable(kind), Optional.ofNullable(resource), Optional.ofNullable(approvalId), parseLimit(limit));
        return store.search(query).stream().map(AuditEventView::from).toList();
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return AuditQuery.DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= AuditQuery.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidRequestException("limit must be an integer between 1 and " + AuditQuery.MAX_LIMIT + ", was '" + limit + "'");
    }
}
