package io.gatehouse.approval.slack;

/** A request to the interaction endpoint is not authentic (signature, timestamp) or the endpoint is off. */
public class SlackRequestRejectedException extends RuntimeException {

    private final boolean configured;

    public SlackRequestRejectedException(String message, boolean configured) {
        super(message);
        this.configured = configured;
    }

    /** {@code false} when no signing secret is configured: the endpoint does not exist. */
    public boolean configured() {
        return configured;
    }
}
