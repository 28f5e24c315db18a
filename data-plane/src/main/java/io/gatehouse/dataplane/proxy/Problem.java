package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.audit.CallDecision;
import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem answered by the proxy itself, with the audit decision it stands for.
 * {@code detail} is shown to the caller and must never hold a token or credential.
 */
public record Problem(int status, String slug, String title, String detail, CallDecision decision) {

    public static Problem badRequest(String detail) {
        return new Problem(400, "bad-request", "Bad request", detail, CallDecision.DENIED);
    }

    public static Problem unauthenticated(String detail) {
        return new Problem(401, "unauthenticated", "Unauthenticated", detail, CallDecision.DENIED);
    }

    public static Problem forbidden(String detail) {
        return new Problem(403, "forbidden", "Forbidden", detail, CallDecision.DENIED);
    }

    public static Problem tooManyRequests(String detail) {
        return new Problem(429, "rate-limited", "Too many requests", detail, CallDecision.DENIED);
    }

    public static Problem tooLarge(String detail) {
        return new Problem(413, "body-too-large", "Request body too large", detail, CallDecision.DENIED);
    }

    public static Problem badGateway(String detail) {
        return new Problem(502, "bad-gateway", "Bad gateway", detail, CallDecision.ERROR);
    }

    public static Problem gatewayTimeout(String detail) {
        return new Problem(504, "gateway-timeout", "Gateway timeout", detail, CallDecision.ERROR);
    }

    public static Problem unavailable(String detail) {
        return new Problem(503, "unavailable", "Service unavailable", detail, CallDecision.ERROR);
    }

    /** The RFC 9457 body of this problem. */
    public String toJson(String requestId) {
        return new JsonObject()
                .put("type", "urn:gatehouse:problem:" + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("requestId", requestId)
                .encode();
    }
}
