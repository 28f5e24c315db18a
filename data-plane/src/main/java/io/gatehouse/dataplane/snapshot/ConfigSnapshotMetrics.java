package io.gatehouse.dataplane.snapshot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * The data plane's side of config distribution as Prometheus meters: snapshots applied and
 * rejected, whether the control plane is connected, and how old the enforced picture is. An
 * alert on the age warns before {@code gatehouse.data-plane.max-staleness} makes the data plane
 * refuse calls; a rising rejected count means the control plane sends what this data plane
 * cannot enforce (the reason is in its log and in the control plane's {@code /api/v1/data-planes}).
 */
@Singleton
public class ConfigSnapshotMetrics {

    private final Counter applied;
    private final Counter rejected;

    @Inject
    public ConfigSnapshotMetrics(MeterRegistry meters, PolicyHolder policy) {
        this(meters, policy, Clock.systemUTC());
    }

    ConfigSnapshotMetrics(MeterRegistry meters, PolicyHolder policy, Clock clock) {
        applied = snapshots(meters, "applied");
        rejected = snapshots(meters, "rejected");
        Gauge.builder("gatehouse.config.control.plane.connected", policy, holder -> holder.isConnected() ? 1 : 0)
                .strongReference(true)
                .description("1 while the config stream to the control plane is open").register(meters);
        Gauge.builder("gatehouse.config.staleness", policy,
                        holder -> Duration.between(holder.lastContact(), clock.instant()).toMillis() / 1000.0)
                .strongReference(true)
                .baseUnit("seconds")
                .description("Time since the enforced config was last confirmed by the control plane (0 while connected)")
                .register(meters);
    }

    private static Counter snapshots(MeterRegistry meters, String result) {
        return Counter.builder("gatehouse.config.snapshots").tag("result", result)
                .description("Config snapshots received from the control plane, by whether they were applied or rejected (NACK)")
                .register(meters);
    }

    void applied() {
        applied.increment();
    }

    void rejected() {
        rejected.increment();
    }
}
