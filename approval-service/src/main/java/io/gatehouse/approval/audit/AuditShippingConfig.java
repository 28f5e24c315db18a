package io.gatehouse.approval.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings under {@code gatehouse.approval.audit}: shipping approval transitions to the control plane. */
@ConfigMapping(prefix = "gatehouse.approval.audit")
public interface AuditShippingConfig {

    /** Ship the outbox to the control plane (the gRPC client {@code controlplane}); off keeps events in the outbox. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The join token presented to the control plane (one of its {@code gatehouse.control-plane.join-tokens}).
     * Required while shipping is enabled.
     */
    Optional<String> joinToken();

    /** Name of this service in the audit batches. */
    @WithDefault("approval-service")
    String sourceId();

    /** How often the outbox is looked at. */
    @WithDefault("1S")
    Duration shipInterval();

    /** Most events in one batch. */
    @WithDefault("200")
    int batchSize();

    /** Longest wait for the control plane's acknowledgement of a batch. */
    @WithDefault("10S")
    Duration ackTimeout();
}
