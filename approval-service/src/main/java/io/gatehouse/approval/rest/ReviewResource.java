package io.gatehouse.approval.rest;

import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalDetails;
import io.gatehouse.approval.model.Decision;
import io.gatehouse.approval.service.ApprovalQueries;
import io.gatehouse.approval.service.BreakGlassReviews;
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

import java.util.List;

/** Reviewers' API: the break-glass calls whose mandatory review is open, and closing a review. */
@Path("/api/v1/reviews")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    private final BreakGlassReviews reviews;
    private final ApprovalQueries queries;
    private final CurrentApprover reviewer;

    public ReviewResource(BreakGlassReviews reviews, ApprovalQueries queries, CurrentApprover reviewer) {
        this.reviews = reviews;
        this.queries = queries;
        this.reviewer = reviewer;
    }

    @GET
    public List<Approval> open(@QueryParam("group") String group) {
        return reviews.open(reviewer.get(), group == null || group.isBlank() ? null : group.trim());
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApprovalDetails review(@PathParam("id") String id, ReviewRequest body) {
        if (body == null || body.justified() == null) {
            throw new InvalidApprovalRequestException("justified (true or false) is required");
        }
        reviews.review(id, body.justified() ? Decision.APPROVE : Decision.DENY, reviewer.get(), body.reason());
        return queries.details(id);
    }
}
