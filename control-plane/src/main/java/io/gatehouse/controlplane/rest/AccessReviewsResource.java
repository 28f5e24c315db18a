package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.review.ReviewDecision;
import io.gatehouse.controlplane.domain.review.ReviewReport;
import io.gatehouse.controlplane.domain.review.ReviewScope;
import io.gatehouse.controlplane.domain.review.Reviewers;
import io.gatehouse.controlplane.service.review.AccessReviewService;
import io.gatehouse.controlplane.service.review.DecisionRequest;
import io.gatehouse.controlplane.service.review.NewCampaign;
import io.gatehouse.controlplane.service.review.ReviewReportSigner;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Access-review campaigns: start, read, decide items (one or in bulk), close, and the signed report. */
@Path("/api/v1/access-reviews")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "access reviews", description = "Campaigns that certify or retire identities and grants, with usage evidence")
public class AccessReviewsResource {

    static final String JOSE = "application/jose";

    private final AccessReviewService reviews;
    private final ReviewReportSigner signer;
    private final AdminCallers callers;
    private final Clock clock;

    public AccessReviewsResource(AccessReviewService reviews, ReviewReportSigner signer, AdminCallers callers, Clock clock) {
        this.reviews = reviews;
        this.signer = signer;
        this.callers = callers;
        this.clock = clock;
    }

    /** Reviewers: the owning team's owners ({@code owningTeam}) and/or named people. */
    public record StartBody(String name, String scope, ReviewersBody reviewers, Instant since, Instant until, Instant due) {
    }

    public record ReviewersBody(Boolean owningTeam, List<String> people) {
    }

    /** Either {@code items} (item ids) or {@code undecided: true}; {@code expires} only for shorten. */
    public record DecisionBody(List<String> items, Boolean undecided, String decision, String comment, Instant expires) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a campaign over a scope (all, team:NAME, resource:NAME, kind:NAME) with reviewers (the"
            + " owning team's owners and/or named people), a usage window (default the last 90 days) and a due date"
            + " (default in 14 days); each identity's evidence is captured now")
    public Response start(StartBody body) {
        if (body == null) {
            throw new InvalidRequestException("the body must be a JSON object: {\"name\", \"scope\", \"reviewers\", \"due\"}");
        }
        ReviewScope scope;
        Reviewers reviewers;
        try {
            scope = ReviewScope.parse(body.scope());
            reviewers = body.reviewers() == null ? new Reviewers(true, List.of())
                    : new Reviewers(!Boolean.FALSE.equals(body.reviewers().owningTeam()), body.reviewers().people());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        AccessReviewService.CampaignDetails started = reviews.start(callers.current(),
                new NewCampaign(body.name(), scope, reviewers, body.since(), body.until(), body.due()));
        return Response.status(Response.Status.CREATED)
                .header("Location", "/api/v1/access-reviews/" + started.campaign().id())
                .entity(AccessReviewViews.CampaignView.of(started, clock.instant(), true)).build();
    }

    @GET
    @Operation(summary = "Every campaign, newest first, with its state (open, overdue, closed) and undecided count")
    public List<AccessReviewViews.CampaignView> list() {
        Instant now = clock.instant();
        return reviews.list(callers.current()).stream()
                .map(details -> AccessReviewViews.CampaignView.of(details, now, false)).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One campaign with its items: each identity's evidence (owner, purpose, expiry, last use, grants,"
            + " calls per operation, operations granted but never used, approvals, masking hits) and decision")
    public AccessReviewViews.CampaignView get(@PathParam("id") String id) {
        return AccessReviewViews.CampaignView.of(reviews.get(callers.current(), id), clock.instant(), true);
    }

    @POST
    @Path("/{id}/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide items (keep, revoke, narrow, shorten with expires) by id or all undecided ones you may"
            + " decide; each decision is applied to the policy at once and reaches the data planes with the next push")
    public List<AccessReviewViews.ItemView> decide(@PathParam("id") String id, DecisionBody body) {
        if (body == null || body.decision() == null) {
            throw new InvalidRequestException("the body must name a decision: keep, revoke, narrow or shorten");
        }
        ReviewDecision decision = ReviewDecision.fromLabel(body.decision()).orElseThrow(() -> new InvalidRequestException(
                "decision must be keep, revoke, narrow or shorten, was '" + body.decision() + "'"));
        boolean undecided = Boolean.TRUE.equals(body.undecided());
        if (undecided == (body.items() != null && !body.items().isEmpty())) {
            throw new InvalidRequestException("name the items to decide (\"items\": [ids]) or ask for \"undecided\": true, not both");
        }
        return reviews.decide(callers.current(), id, new DecisionRequest(body.items(), undecided, decision, body.comment(),
                body.expires())).stream().map(AccessReviewViews.ItemView::of).toList();
    }

    @POST
    @Path("/{id}/close")
    @Operation(summary = "Close the campaign and sign its report; refused while items are undecided unless force=true")
    public Response close(@PathParam("id") String id, @QueryParam("force") boolean force) {
        String signed = reviews.close(callers.current(), id, force);
        return Response.ok(ReportBody.of(signer.payload(signed), signed)).build();
    }

    /** A report with its signature: the compact JWS whose payload is exactly {@code report}. */
    public record ReportBody(ReviewReport report, String jws, String verifyWith) {

        static ReportBody of(ReviewReport report, String jws) {
            return new ReportBody(report, jws, "/.well-known/gatehouse/jwks.json");
        }
    }

    @GET
    @Path("/{id}/report")
    @Produces({MediaType.APPLICATION_JSON, "text/csv", MediaType.TEXT_HTML, JOSE})
    @Operation(summary = "The signed report of a closed campaign: format=json (report and JWS), csv, html (printable) or"
            + " jws (the compact JWS alone)")
    public Response report(@PathParam("id") String id, @QueryParam("format") String format) {
        String signed = reviews.signedReport(callers.current(), id);
        ReviewReport report = signer.payload(signed);
        String chosen = format == null || format.isBlank() ? "json" : format;
        return switch (chosen) {
            case "json" -> Response.ok(ReportBody.of(report, signed), MediaType.APPLICATION_JSON).build();
            case "csv" -> Response.ok(ReviewReportCsv.render(report), "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"access-review-" + id + ".csv\"").build();
            case "html" -> Response.ok(ReviewReportHtml.render(report, signer.verify(signed).kid(), signed),
                    "text/html; charset=utf-8").build();
            case "jws" -> Response.ok(signed, JOSE).build();
            default -> throw new InvalidRequestException("format must be json, csv, html or jws, was '" + chosen + "'");
        };
    }

    @POST
    @Path("/reports/verify")
    @Consumes({MediaType.TEXT_PLAIN, JOSE})
    @Operation(summary = "Check a signed report (the compact JWS of format=jws): valid, the key that signed it and the"
            + " campaign, or why it does not verify")
    public ReviewReportSigner.Verification verify(String jws) {
        callers.policyReader();
        return signer.verify(jws);
    }
}
