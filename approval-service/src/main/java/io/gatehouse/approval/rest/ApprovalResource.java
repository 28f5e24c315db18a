package io.gatehouse.approval.rest;

import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalState;
import io.gatehouse.approval.model.Decision;
import io.gatehouse.approval.service.ApprovalDecisions;
import io.gatehouse.approval.service.ApprovalQueries;
import io.gatehouse.approval.service.InvalidApprovalRequestException;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Approvers' API: list and read approvals, approve or deny a pending one. */
@Path("/api/v1/approvals")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    static final int MAX_REASON_LENGTH = 2000;

    private final ApprovalQueries queries;
    private final ApprovalDecisions decisions;
    private final ApproverName approverName;

    public ApprovalResource(ApprovalQueries queries, ApprovalDecisions decisions, ApproverName approverName) {
        this.queries = queries;
        this.decisions = decisions;
        this.approverName = approverName;
    }

    @GET
    public List<Approval> list(@QueryParam("state") String state) {
        return queries.list(parseState(state));
    }

    @GET
    @Path("/{id}")
    public Approval get(@PathParam("id") String id) {
        return queries.get(id);
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    public Approval approve(@PathParam("id") String id, DecisionRequest body) {
        return decide(id, Decision.APPROVE, body);
    }

    @POST
    @Path("/{id}/deny")
    @Consumes(MediaType.APPLICATION_JSON)
    public Approval deny(@PathParam("id") String id, DecisionRequest body) {
        return decide(id, Decision.DENY, body);
    }

    private Approval decide(String id, Decision decision, DecisionRequest body) {
        String reason = body == null ? null : body.reason();
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw new InvalidApprovalRequestException("reason is longer than " + MAX_REASON_LENGTH + " characters");
        }
        return decisions.decide(id, decision, approverName.get(), reason);
    }

    private static ApprovalState parseState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return ApprovalState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidApprovalRequestException(
                    "state must be one of " + Arrays.toString(ApprovalState.values()));
        }
    }
}
