package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.AdminRole;
import io.gatehouse.controlplane.lifecycle.IdentityLifecycleSweep;
import io.gatehouse.controlplane.lifecycle.LifecycleActionType;
import io.gatehouse.controlplane.lifecycle.LifecycleUndo;
import io.gatehouse.controlplane.model.LifecycleActionEntity;
import io.gatehouse.controlplane.model.LifecycleNotificationEntity;
import io.gatehouse.controlplane.repository.LifecycleActionRepository;
import io.gatehouse.controlplane.repository.LifecycleNotificationRepository;
import io.gatehouse.controlplane.service.UnusedClientSecretRevoker;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The automatic identity lifecycle: what it did, undoing it, running it now, and its undelivered notifications. */
@Path("/api/v1/lifecycle")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "lifecycle", description = "Automatic suspension and revocation of unused identities and client secrets,"
        + " orphan flags, owner notifications and undo")
public class LifecycleResource {

    private final LifecycleActionRepository actions;
    private final LifecycleNotificationRepository notifications;
    private final LifecycleUndo undo;
    private final IdentityLifecycleSweep sweep;
    private final UnusedClientSecretRevoker secretRevoker;
    private final AdminCallers callers;
    private final EntryBodies bodies;
    private final Clock clock;

    public LifecycleResource(LifecycleActionRepository actions, LifecycleNotificationRepository notifications,
                             LifecycleUndo undo, IdentityLifecycleSweep sweep,
                             UnusedClientSecretRevoker secretRevoker, AdminCallers callers, EntryBodies bodies, Clock clock) {
        this.actions = actions;
        this.notifications = notifications;
        this.undo = undo;
        this.sweep = sweep;
        this.secretRevoker = secretRevoker;
        this.callers = callers;
        this.bodies = bodies;
        this.clock = clock;
    }

    @GET
    @Path("/actions")
    @Operation(summary = "Automatic actions, newest first; page with limit and the X-Gatehouse-Next-Cursor header"
            + " (pass it as cursor)")
    public Response actions(
            @Parameter(description = "Only actions on this identity") @QueryParam("identity") String identity,
            @Parameter(description = "suspended, revoked, client-secret-revoked, flagged-orphan or orphan-flag-cleared")
            @QueryParam("action") String action,
            @Parameter(description = "Only actions taken at or after this instant (ISO-8601)") @QueryParam("since") String since,
            @Parameter(description = "The X-Gatehouse-Next-Cursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Maximum number of actions, 1-1000 (default 500)") @QueryParam("limit") Integer limit) {
        callers.auditReader();
        Optional<LifecycleActionType> type = Optional.ofNullable(action).map(name -> LifecycleActionType.fromApiName(name)
                .orElseThrow(() -> new InvalidRequestException("action: unknown value '" + name + "' (allowed: "
                        + String.join(", ", LifecycleActionType.apiNames()) + ")")));
        int pageSize = limit == null ? Pages.DEFAULT_LIMIT : Math.max(1, Math.min(limit, Pages.MAX_LIMIT));
        List<LifecycleActionEntity> found = QuarkusTransaction.requiringNew().call(() -> actions.search(
                Optional.ofNullable(identity), type, Optional.ofNullable(since).map(LifecycleResource::instant),
                Optional.ofNullable(cursor).map(LifecycleResource::cursor), pageSize + 1));
        return Pages.of(found, limit, entity -> Long.toString(entity.id), LifecycleActionView::from);
    }

    @POST
    @Path("/actions/{id}/undo")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Undo an automatic action (admins only); the body {\"reason\": \"...\"} is required. The previous"
            + " state comes back and the unused period starts again now")
    public LifecycleActionView undo(@PathParam("id") long id, String body) {
        var caller = callers.requireAny("undo lifecycle actions", AdminRole.ADMIN);
        String reason = body == null || body.isBlank() ? null : bodies.read(body).path("reason").asText(null);
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("reason: say why the action is undone, e.g. {\"reason\": \"the nightly"
                    + " job only runs quarterly\"}; it is recorded in the audit trail");
        }
        return LifecycleActionView.from(undo.undo(id, caller, reason, clock.instant()));
    }

    @POST
    @Path("/sweep")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Apply the lifecycle rules now (admins only), as the scheduled sweeps of identities and client"
            + " secrets do; returns the identity actions taken and the client secrets revoked (identity/secret id)")
    public Map<String, List<?>> sweepNow() {
        callers.requireAny("run the lifecycle sweep", AdminRole.ADMIN);
        Instant now = clock.instant();
        List<LifecycleActionView> taken = sweep.sweep(now).stream().map(LifecycleActionView::from).toList();
        List<String> secrets = secretRevoker.revokeUnused(now).stream()
                .map(secret -> secret.identity() + "/" + secret.secretId()).toList();
        return Map.of("actions", taken, "clientSecretsRevoked", secrets);
    }

    @GET
    @Path("/notifications")
    @Operation(summary = "Owner notifications not yet delivered: pending, or failed and waiting for their next attempt")
    public Response notifications(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        callers.auditReader();
        int pageSize = limit == null ? Pages.DEFAULT_LIMIT : Math.max(1, Math.min(limit, Pages.MAX_LIMIT));
        long after = cursor == null ? 0 : cursor(cursor);
        List<LifecycleNotificationEntity> undelivered = QuarkusTransaction.requiringNew()
                .call(() -> notifications.undelivered(after, pageSize + 1));
        return Pages.of(undelivered, limit, entity -> Long.toString(entity.id), LifecycleNotificationView::from);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("since must be an ISO-8601 instant such as 2026-01-31T00:00:00Z, was '"
                    + text + "'");
        }
    }

    private static long cursor(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("cursor must be the " + Pages.NEXT_CURSOR_HEADER
                    + " of a previous page, was '" + text + "'");
        }
    }
}
