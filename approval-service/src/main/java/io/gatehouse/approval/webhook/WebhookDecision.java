package io.gatehouse.approval.webhook;

/** Body of a decision received on {@code /webhook/decisions}. */
public record WebhookDecision(String approvalId, String decision, String user, String reason) {
}
