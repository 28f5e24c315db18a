package io.gatehouse.approval.rest;

import io.gatehouse.approval.slack.SlackInteractions;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Slack's interactivity request URL. Authenticated by Slack's request signature, not by OIDC. */
@Path("/slack/interactions")
@PermitAll
public class SlackInteractionResource {

    private final SlackInteractions interactions;

    public SlackInteractionResource(SlackInteractions interactions) {
        this.interactions = interactions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response interact(@HeaderParam("X-Slack-Request-Timestamp") String timestamp,
            @HeaderParam("X-Slack-Signature") String signature, byte[] rawBody) {
        interactions.handle(timestamp, signature, rawBody == null ? new byte[0] : rawBody);
        return Response.ok().build();
    }
}
