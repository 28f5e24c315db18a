package io.gatehouse.approval.rest;

import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalDetails;
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

/** Approvers' API: list and read approvals (with decisions and history), approve or deny a pending one. */
@Path("/api/v1/approvals")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ApprovalResource {

    private final ApprovalQueries queries;
    private final ApprovalDecisions decisions;
    private final CurrentApprover approver;

    public ApprovalResource(ApprovalQueries queries, ApprovalDecisions decisions, CurrentApprover approver) {
        this.queries = queries;
        this.decisions = decisions;
        this.approver = approver;
    }

    @GET
    public List<Approval> list(@QueryParam("state") String state) {
        return queries.list(parseState(state), approver.get());
    }

    @GET
    @Path("/{id}")
    public ApprovalDetails get(@PathParam("id") String id) {
        return queries.details(id, approver.get());
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApprovalDetails approve(@PathParam("id") String id, DecisionRequest body) {
        return decide(id, Decision.APPROVE, body);
    }

    @POST
    @Path("/{id}/deny")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApprovalDetails deny(@PathParam("id") String id, DecisionRequest body) {
        return decide(id, Decision.DENY, body);
    }

    private ApprovalDetails decide(String id, Decision decision, DecisionRequest body) {
        decisions.decide(id, decision, approver.get(), body == null ? null : body.reason());
        return queries.details(id);
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
