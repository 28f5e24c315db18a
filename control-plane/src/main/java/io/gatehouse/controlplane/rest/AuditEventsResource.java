package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.AuditQuery;
import io.gatehouse.controlplane.domain.StoredAuditEvent;
import io.gatehouse.controlplane.service.AuditStore;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

    /** Set when a full page was returned: pass it as {@code cursor} to get the next (older) page. */
    static final String NEXT_CURSOR = "X-Gatehouse-Next-Cursor";

    private final AuditStore store;
    private final AdminCallers callers;

    public AuditEventsResource(AuditStore store, AdminCallers callers) {
        this.callers = callers;
        this.store = store;
    }

    @GET
    @Operation(summary = "Search audit events, newest first; header X-Gatehouse-Next-Cursor gives the next page")
    public Response search(
            @BeanParam AuditFilterParams filter,
            @Parameter(description = "The X-Gatehouse-Next-Cursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Maximum number of events, 1-500 (default 50)") @QueryParam("limit") String limit) {
        callers.auditReader();
        AuditQuery query = new AuditQuery(filter.toFilter(), parseCursor(cursor), parseLimit(limit));
        List<StoredAuditEvent> events = store.search(query);
        Response.ResponseBuilder response = Response.ok(events.stream().map(AuditEventView::from).toList());
        if (events.size() == query.limit()) {
            response.header(NEXT_CURSOR, events.get(events.size() - 1).id());
        }
        return response.build();
    }

    private static Optional<Long> parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(cursor.strip()));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("cursor must be the " + NEXT_CURSOR + " of a previous page, was '" + cursor + "'");
        }
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
