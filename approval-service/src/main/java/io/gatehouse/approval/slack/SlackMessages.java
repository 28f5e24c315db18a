package io.gatehouse.approval.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.approval.model.Approval;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.format.DateTimeFormatter;

/**
 * Block Kit messages about approvals. The summary is masked: no query string (it may carry
 * data), no request digest or data-plane details, every value length-capped and escaped so that
 * it cannot inject Slack markup or mentions.
 */
@ApplicationScoped
public class SlackMessages {

    public static final String APPROVE_ACTION = "gatehouse_approve";
    public static final String DENY_ACTION = "gatehouse_deny";
    static final int MAX_VALUE_LENGTH = 200;

    private final ObjectMapper json;

    public SlackMessages(ObjectMapper json) {
        this.json = json;
    }

    /** The message announcing a new approval, with Approve and Deny buttons carrying its id. */
    public String newApproval(Approval approval) {
        ObjectNode message = json.createObjectNode();
        message.put("text", "Approval needed: " + safe(approval.identity()) + " → " + safe(approval.resource()));
        ArrayNode blocks = message.putArray("blocks");
        blocks.add(header("Approval needed"));
        blocks.add(summary(approval));
        ArrayNode elements = blocks.addObject().put("type", "actions")
                .put("block_id", "gatehouse_decision").putArray("elements");
        elements.add(button(APPROVE_ACTION, "Approve", "primary", approval.id()));
        elements.add(button(DENY_ACTION, "Deny", "danger", approval.id()));
        blocks.add(context("approval " + approval.id()));
        return message.toString();
    }

    /** The announcement of a new approval as a {@code chat.postMessage} body for {@code channel}. */
    public String newApprovalIn(String channel, Approval approval) {
        try {
            ObjectNode message = (ObjectNode) json.readTree(newApproval(approval));
            message.put("channel", channel);
            return message.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the message just built is not JSON", e);
        }
    }

    /** A {@code chat.update} body that replaces the announcement with the approval's outcome, without buttons. */
    public String chatUpdate(String channel, String ts, Approval approval) {
        String outcome = safe(outcomeOf(approval));
        ObjectNode message = json.createObjectNode();
        message.put("channel", channel);
        message.put("ts", ts);
        message.put("text", outcome);
        ArrayNode blocks = message.putArray("blocks");
        blocks.add(header("Approval " + approval.state().name().toLowerCase()));
        blocks.add(summary(approval));
        blocks.add(context(outcome));
        blocks.add(context("approval " + approval.id()));
        return message.toString();
    }

    /** One line saying how an approval ended. */
    static String outcomeOf(Approval approval) {
        String reason = approval.reason() == null || approval.reason().isBlank() ? "" : ": " + approval.reason();
        return switch (approval.state()) {
            case APPROVED -> "approved by " + approval.decidedBy() + reason;
            case DENIED -> "denied by " + approval.decidedBy() + reason;
            case EXPIRED -> "expired before it was decided";
            case CANCELLED -> "cancelled" + reason;
            case CONSUMED -> "approved by " + approval.decidedBy() + "; the call went through";
            case PENDING, BREAK_GLASS -> approval.state().name().toLowerCase();
        };
    }

    /** Replaces the original message once the approver's decision has been handled. */
    public String decisionUpdate(Approval approval, String outcome) {
        ObjectNode message = json.createObjectNode();
        message.put("replace_original", true);
        message.put("text", outcome);
        ArrayNode blocks = message.putArray("blocks");
        blocks.add(header("Approval " + approval.state().name().toLowerCase()));
        blocks.add(summary(approval));
        blocks.add(context(escape(outcome)));
        return message.toString();
    }

    /** A reply only the clicking user sees, leaving the original message as it is. */
    public String ephemeral(String text) {
        ObjectNode message = json.createObjectNode();
        message.put("response_type", "ephemeral");
        message.put("replace_original", false);
        message.put("text", text);
        return message.toString();
    }

    private ObjectNode summary(Approval approval) {
        ObjectNode section = json.createObjectNode().put("type", "section");
        ArrayNode fields = section.putArray("fields");
        field(fields, "Identity", approval.identity());
        field(fields, "Resource", approval.resource());
        field(fields, "Method", approval.method());
        field(fields, "Path", withoutQuery(approval.path()));
        field(fields, "Justification", approval.justification());
        field(fields, "Expires", DateTimeFormatter.ISO_INSTANT.format(approval.expiresAt()));
        if (approval.quorum() > 1) {
            field(fields, "Approvers needed", Integer.toString(approval.quorum()));
        }
        return section;
    }

    private void field(ArrayNode fields, String label, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + label + "*\n" + safe(value));
    }

    private ObjectNode header(String text) {
        ObjectNode header = json.createObjectNode().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", text);
        return header;
    }

    private ObjectNode context(String text) {
        ObjectNode context = json.createObjectNode().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", text);
        return context;
    }

    private ObjectNode button(String actionId, String label, String style, String approvalId) {
        ObjectNode button = json.createObjectNode().put("type", "button").put("action_id", actionId)
                .put("style", style).put("value", approvalId);
        button.putObject("text").put("type", "plain_text").put("text", label);
        return button;
    }

    static String withoutQuery(String path) {
        if (path == null) {
            return null;
        }
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query) + "?…";
    }

    static String safe(String value) {
        if (value == null || value.isBlank()) {
            return "—";
        }
        String capped = value.length() > MAX_VALUE_LENGTH ? value.substring(0, MAX_VALUE_LENGTH) + "…" : value;
        return escape(capped);
    }

    /** Slack's mrkdwn escaping: without it a value could write links or mentions ({@code <!channel>}). */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
