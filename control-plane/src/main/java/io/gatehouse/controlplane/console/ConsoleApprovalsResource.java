package io.gatehouse.controlplane.console;

import io.gatehouse.controlplane.rest.InvalidRequestException;
import io.gatehouse.controlplane.rest.ProblemDetail;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The console's way to the approval service (a separate process): the same approvers' API, called from the
 * control plane's origin with the signed-in person's access token, so the browser needs no CORS and the
 * approval service still decides who may approve.
 */
@Path("/console/api/approvals")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console", description = "Endpoints the web console uses (session cookie plus X-Requested-With, or a bearer token)")
public class ConsoleApprovalsResource {

    private static final Pattern APPROVAL_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final ApprovalServiceClient approvals;
    private final SecurityIdentity identity;

    public ConsoleApprovalsResource(ApprovalServiceClient approvals, SecurityIdentity identity) {
        this.approvals = approvals;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Approvals the signed-in approver may see, as the approval service lists them (optional state)")
    public Response list(@QueryParam("state") String state) {
        String query = state == null || state.isBlank() ? "" : "?state=" + URLEncoder.encode(state.strip(), StandardCharsets.UTF_8);
        return relay(approvals.send(query, this::accessToken, null));
    }

    @POST
    @Path("/{id}/{decision: approve|deny}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or deny a pending approval as the signed-in approver; body {\"reason\": \"...\"} (optional)")
    public Response decide(@PathParam("id") String id, @PathParam("decision") String decision, String body) {
        if (!APPROVAL_ID.matcher(id).matches()) {
            throw new InvalidRequestException("an approval id is 1-128 letters, digits, '.', '_' or '-', was '" + id + "'");
        }
        String json = body == null || body.isBlank() ? "{}" : body;
        return relay(approvals.send("/" + id + "/" + decision, this::accessToken, json));
    }

    @ServerExceptionMapper
    public Response unavailable(ApprovalServiceUnavailableException e) {
        return ProblemDetail.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }

    private String accessToken() {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token == null) {
            throw new ApprovalServiceUnavailableException("this sign-in carries no access token to present to the approval"
                    + " service; sign in again through /console");
        }
        return token.getToken();
    }

    private static Response relay(ApprovalServiceClient.Answer answer) {
        return Response.status(answer.status()).type(answer.contentType()).entity(answer.body()).build();
    }
}
