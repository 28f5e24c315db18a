package io.gatehouse.approval.chat;

/** A signed chat request (Slack interaction, webhook decision) is not authentic (signature, timestamp) or the endpoint is off. */
public class SignedRequestRejectedException extends RuntimeException {

    private final boolean configured;

    public SignedRequestRejectedException(String message, boolean configured) {
        super(message);
        this.configured = configured;
    }

    /** {@code false} when no signing secret is configured: the endpoint does not exist. */
    public boolean configured() {
        return configured;
    }
}
