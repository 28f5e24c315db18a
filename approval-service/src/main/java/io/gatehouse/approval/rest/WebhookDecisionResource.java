package io.gatehouse.approval.rest;

import io.gatehouse.approval.model.ApprovalDetails;
import io.gatehouse.approval.service.ApprovalQueries;
import io.gatehouse.approval.webhook.WebhookDecisions;
import io.gatehouse.approval.webhook.WebhookHeaders;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Decisions from other chat tools. Authenticated by the webhook's HMAC signature, not by OIDC. */
@Path("/webhook/decisions")
@PermitAll
public class WebhookDecisionResource {

    private final WebhookDecisions decisions;
    private final ApprovalQueries queries;

    public WebhookDecisionResource(WebhookDecisions decisions, ApprovalQueries queries) {
        this.decisions = decisions;
        this.queries = queries;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ApprovalDetails decide(@HeaderParam(WebhookHeaders.TIMESTAMP) String timestamp,
            @HeaderParam(WebhookHeaders.SIGNATURE) String signature, byte[] rawBody) {
        return queries.details(decisions.handle(timestamp, signature, rawBody == null ? new byte[0] : rawBody));
    }
}
