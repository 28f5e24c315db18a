package io.gatehouse.approval.webhook;

/** The signature headers of the generic webhook, on notifications sent and on decisions received. */
public final class WebhookHeaders {

    /** Unix time in seconds when the request was signed. */
    public static final String TIMESTAMP = "X-Gatehouse-Request-Timestamp";
    /** {@code v0=} + hex HMAC-SHA256(secret, {@code v0:{timestamp}:{raw body}}). */
    public static final String SIGNATURE = "X-Gatehouse-Signature";

    private WebhookHeaders() {
    }
}
