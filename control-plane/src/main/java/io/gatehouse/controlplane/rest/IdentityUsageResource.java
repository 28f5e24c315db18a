package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.UsageWindow;
import io.gatehouse.controlplane.service.UsageEvidenceService;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;

/** An identity's usage evidence: what it called, per operation and day, and what its grants allow that it never used. */
@Path("/api/v1/identities/{name}/usage")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "identities")
public class IdentityUsageResource {

    private final UsageEvidenceService usage;
    private final AdminCallers callers;
    private final Clock clock;

    public IdentityUsageResource(UsageEvidenceService usage, AdminCallers callers, Clock clock) {
        this.usage = usage;
        this.callers = callers;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Calls per operation (method and grant path pattern) and UTC day in a window (default the last"
            + " 30 days, whole days, at most 731), and the granted operations never used in it")
    public UsageEvidenceView get(@PathParam("name") String name, @QueryParam("since") String since,
                                 @QueryParam("until") String until) {
        callers.policyReader();
        UsageWindow window;
        try {
            window = UsageWindow.of(AuditFilterParams.instant("since", since).orElse(null),
                    AuditFilterParams.instant("until", until).orElse(null), clock.instant());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        return UsageEvidenceView.from(usage.of(name, window));
    }
}
