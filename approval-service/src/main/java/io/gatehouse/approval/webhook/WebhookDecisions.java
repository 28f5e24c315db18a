package io.gatehouse.approval.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.approval.chat.ChatApprovers;
import io.gatehouse.approval.chat.HmacRequestSignature;
import io.gatehouse.approval.chat.SignedRequestRejectedException;
import io.gatehouse.approval.model.Approver;
import io.gatehouse.approval.model.Decision;
import io.gatehouse.approval.service.ApprovalClock;
import io.gatehouse.approval.service.ApprovalDecisions;
import io.gatehouse.approval.service.ApproverNotAllowedException;
import io.gatehouse.approval.service.InvalidApprovalRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Locale;

/**
 * Takes a decision from another chat tool: verifies the signature (same recipe as outbound), maps the chat
 * user to an approver and records the decision with the usual rules (group, quorum, no self-approval,
 * owning team).
 */
@ApplicationScoped
public class WebhookDecisions {

    private static final Logger LOG = Logger.getLogger(WebhookDecisions.class);
    private static final String VIA_WEBHOOK = "via chat webhook";

    private final WebhookConfig config;
    private final ApprovalDecisions decisions;
    private final ApprovalClock clock;
    private final ObjectMapper json;

    public WebhookDecisions(WebhookConfig config, ApprovalDecisions decisions, ApprovalClock clock, ObjectMapper json) {
        this.config = config;
        this.decisions = decisions;
        this.clock = clock;
        this.json = json;
    }

    /**
     * @return the id of the approval decided on
     * @throws SignedRequestRejectedException  when the request is not authentic (or the endpoint is off)
     * @throws InvalidApprovalRequestException when the body is not a decision
     * @throws ApproverNotAllowedException     when the user is not mapped to an approver, or may not decide
     */
    public String handle(String timestamp, String signature, byte[] rawBody) {
        String secret = config.secret().filter(s -> !s.isBlank())
                .orElseThrow(() -> new SignedRequestRejectedException("webhook decisions are not configured", false));
        String problem = HmacRequestSignature.problem(secret, timestamp, signature, rawBody, clock.now(), config.maxClockSkew());
        if (problem != null) {
            LOG.warnf("Webhook decision refused: %s", problem);
            throw new SignedRequestRejectedException("request signature could not be verified", true);
        }
        WebhookDecision body = parse(rawBody);
        Approver approver = ChatApprovers.of(body.user(), config.users(), config.userGroups());
        if (approver == null) {
            LOG.infof("Webhook user %s is not mapped to an approver", body.user());
            throw new ApproverNotAllowedException("the chat user is not registered as a Gatehouse approver");
        }
        String reason = body.reason() == null || body.reason().isBlank() ? VIA_WEBHOOK : body.reason() + " (" + VIA_WEBHOOK + ")";
        decisions.decide(body.approvalId(), decision(body.decision()), approver, reason);
        return body.approvalId();
    }

    private WebhookDecision parse(byte[] rawBody) {
        WebhookDecision body;
        try {
            body = json.readValue(rawBody, WebhookDecision.class);
        } catch (IOException e) {
            throw new InvalidApprovalRequestException("the body must be JSON {\"approvalId\", \"decision\", \"user\", \"reason\"}");
        }
        if (body == null || body.approvalId() == null || body.approvalId().isBlank() || body.user() == null) {
            throw new InvalidApprovalRequestException("approvalId and user are required");
        }
        return body;
    }

    private static Decision decision(String decision) {
        return switch (decision == null ? "" : decision.trim().toLowerCase(Locale.ROOT)) {
            case "approve" -> Decision.APPROVE;
            case "deny" -> Decision.DENY;
            default -> throw new InvalidApprovalRequestException("decision must be \"approve\" or \"deny\"");
        };
    }
}
