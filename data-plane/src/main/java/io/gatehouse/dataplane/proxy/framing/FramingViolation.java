package io.gatehouse.dataplane.proxy.framing;

/**
 * A request whose framing or syntax the proxy refuses (RFC 9112): the status to answer and a
 * reason for the caller. The reason names the rule that was broken, never the offending bytes.
 */
public final class FramingViolation extends RuntimeException {

    private final int status;

    FramingViolation(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    static FramingViolation badRequest(String reason) {
        return new FramingViolation(400, reason);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return getMessage();
    }
}
