package io.gatehouse.approval.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.approval.chat.ChatApprovers;
import io.gatehouse.approval.chat.ChatHttpClient;
import io.gatehouse.approval.chat.HmacRequestSignature;
import io.gatehouse.approval.chat.SignedRequestRejectedException;
import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalState;
import io.gatehouse.approval.model.Approver;
import io.gatehouse.approval.model.Decision;
import io.gatehouse.approval.service.ApprovalConflictException;
import io.gatehouse.approval.service.ApprovalDecisions;
import io.gatehouse.approval.service.ApprovalNotFoundException;
import io.gatehouse.approval.service.ApprovalClock;
import io.gatehouse.approval.service.ApproverNotAllowedException;
import io.gatehouse.approval.service.InvalidApprovalRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Handles Slack's interaction callbacks (a click on Approve or Deny): checks the request signature,
 * maps the Slack user to an approver, records the decision with the usual rules and reports the
 * outcome through the payload's {@code response_url}.
 */
@ApplicationScoped
public class SlackInteractions {

    private static final Logger LOG = Logger.getLogger(SlackInteractions.class);
    private static final String VIA_SLACK = "via Slack";

    private final SlackConfig config;
    private final ApprovalDecisions decisions;
    private final SlackMessages messages;
    private final ChatHttpClient client;
    private final ApprovalClock clock;
    private final ObjectMapper json;

    public SlackInteractions(SlackConfig config, ApprovalDecisions decisions, SlackMessages messages,
            ChatHttpClient client, ApprovalClock clock, ObjectMapper json) {
        this.config = config;
        this.decisions = decisions;
        this.messages = messages;
        this.client = client;
        this.clock = clock;
        this.json = json;
    }

    /**
     * @throws SignedRequestRejectedException   when the request is not authentic (or the endpoint is off)
     * @throws InvalidApprovalRequestException when the form carries no readable payload
     */
    public void handle(String timestamp, String signature, byte[] rawBody) {
        String secret = config.signingSecret().filter(s -> !s.isBlank())
                .orElseThrow(() -> new SignedRequestRejectedException("Slack interactions are not configured", false));
        String problem = HmacRequestSignature.problem(secret, timestamp, signature, rawBody, clock.now(),
                config.maxClockSkew());
        if (problem != null) {
            LOG.warnf("Slack interaction refused: %s", problem);
            throw new SignedRequestRejectedException("request signature could not be verified", true);
        }
        JsonNode payload = payload(rawBody);
        JsonNode action = payload.path("actions").path(0);
        Decision decision = switch (action.path("action_id").asText()) {
            case SlackMessages.APPROVE_ACTION -> Decision.APPROVE;
            case SlackMessages.DENY_ACTION -> Decision.DENY;
            default -> null;
        };
        if (!"block_actions".equals(payload.path("type").asText()) || decision == null) {
            return; // not one of our buttons: acknowledged and ignored
        }
        String approvalId = action.path("value").asText();
        String slackUser = payload.path("user").path("id").asText();
        Optional<URI> responseUrl = responseUrl(payload.path("response_url").asText());
        String reply = decide(approvalId, decision, slackUser);
        responseUrl.ifPresent(url -> client.post(url, reply, Map.of(), config.timeout(),
                "the outcome of approval " + approvalId + " to Slack"));
    }

    /** Records the decision and returns the message to send back. */
    private String decide(String approvalId, Decision decision, String slackUser) {
        Approver approver = ChatApprovers.of(slackUser, config.users(), config.userGroups());
        if (approver == null) {
            LOG.infof("Slack user %s is not mapped to an approver", slackUser);
            return messages.ephemeral("You are not registered as a Gatehouse approver.");
        }
        try {
            Approval after = decisions.decide(approvalId, decision, approver, VIA_SLACK);
            if (after.state() == ApprovalState.PENDING) {
                return messages.ephemeral("Your approval is recorded; more approvers are needed ("
                        + after.quorum() + " in all).");
            }
            return messages.decisionUpdate(after, after.state().name().toLowerCase() + " by " + approver.name());
        } catch (ApproverNotAllowedException | ApprovalConflictException | ApprovalNotFoundException
                 | InvalidApprovalRequestException e) {
            return messages.ephemeral("Not recorded: " + e.getMessage());
        }
    }

    private Optional<URI> responseUrl(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        if (config.responseUrlPrefixes().stream().noneMatch(url::startsWith)) {
            LOG.warn("Slack interaction names a response_url outside the allowed prefixes; not called");
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(url));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private JsonNode payload(byte[] rawBody) {
        String form = new String(rawBody, StandardCharsets.UTF_8);
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && "payload".equals(pair.substring(0, eq))) {
                try {
                    return json.readTree(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IOException | IllegalArgumentException e) {
                    throw new InvalidApprovalRequestException("payload is not valid JSON");
                }
            }
        }
        throw new InvalidApprovalRequestException("payload is required");
    }
}
