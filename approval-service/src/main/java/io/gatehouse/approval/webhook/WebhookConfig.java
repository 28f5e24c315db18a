package io.gatehouse.approval.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings under {@code gatehouse.approval.webhook}: the generic signed webhook for other chat tools. The secret is never logged. */
@ConfigMapping(prefix = "gatehouse.approval.webhook")
public interface WebhookConfig {

    /** Receives a signed JSON notification of every new approval, outcome and break-glass call; off when unset. */
    Optional<URI> url();

    /**
     * Shared secret of the HMAC-SHA256 signatures, outbound and inbound; {@code /webhook/decisions} answers 404
     * when unset.
     */
    Optional<String> secret();

    /** Chat user id → approver name. */
    Map<String, String> users();

    /** Chat user id → comma-separated approver groups. */
    Map<String, String> userGroups();

    /** Longest an outbound notification may take. */
    @WithDefault("5S")
    Duration timeout();

    /** How far an inbound request's timestamp may be from now. */
    @WithDefault("5M")
    Duration maxClockSkew();
}
