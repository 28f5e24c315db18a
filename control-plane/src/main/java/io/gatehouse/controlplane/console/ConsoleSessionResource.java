package io.gatehouse.controlplane.console;

import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.rest.AdminCallers;
import io.quarkus.oidc.OidcSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;

/** Who is signed in to the console and what they may do there; signing out. */
@Path("/console/api/session")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console", description = "Endpoints the web console uses (session cookie plus X-Requested-With, or a bearer token)")
public class ConsoleSessionResource {

    private final AdminCallers callers;
    private final OidcSession session;
    private final ConsoleConfig config;

    public ConsoleSessionResource(AdminCallers callers, OidcSession session, ConsoleConfig config) {
        this.callers = callers;
        this.session = session;
        this.config = config;
    }

    /**
     * The console's view of the signed-in person: the control-plane roles of their groups (lower case, as in
     * the README), the teams they own, and whether the approvals page has an approval service to talk to.
     */
    public record SessionView(String user, List<String> roles, List<String> teams, boolean approvalsConfigured) {
    }

    @GET
    @Operation(summary = "The signed-in person's name, control-plane roles and owned teams")
    public SessionView current() {
        AdminCaller caller = callers.current();
        return new SessionView(caller.name(),
                caller.roles().stream().map(role -> role.name().toLowerCase(Locale.ROOT)).sorted().toList(),
                caller.ownedTeams().stream().sorted().toList(),
                config.approvalServiceUrl().isPresent());
    }

    @POST
    @Path("/logout")
    @Operation(summary = "Sign out of the console: ends the session cookie (the issuer's own session is left alone)")
    public Uni<Response> logout() {
        return session.logout().map(ignored -> Response.noContent().build());
    }
}
