package io.gatehouse.vaultbroker.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts credential requests by resource and outcome ({@code gatehouse_broker_credentials_issued_total}
 * in Prometheus). Requests for resources the store does not know are counted under resource
 * {@value #UNKNOWN_RESOURCE}, so that callers cannot grow the number of series. Never tags secret values.
 */
@ApplicationScoped
public class IssuanceMetrics {

    public static final String COUNTER = "gatehouse.broker.credentials.issued";
    public static final String UNKNOWN_RESOURCE = "unknown";

    private final MeterRegistry registry;

    public IssuanceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param knownResource a resource the store has a credential for, or {@code null} */
    public void record(String knownResource, IssuanceOutcome outcome) {
        Counter.builder(COUNTER)
                .description("Credential requests from data planes, by resource and outcome")
                .tag("resource", knownResource == null ? UNKNOWN_RESOURCE : knownResource)
                .tag("outcome", outcome.tagValue())
                .register(registry)
                .increment();
    }
}
