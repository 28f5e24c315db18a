package io.gatehouse.dataplane.snapshot;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.gatehouse.dataplane.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConfigSnapshotMetricsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    private final PolicyHolder policy = new PolicyHolder(Duration.ofHours(1), clock);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConfigSnapshotMetrics metrics = new ConfigSnapshotMetrics(meters, policy, clock);

    @Test
    void countsAppliedAndRejectedSnapshotsSeparately() {
        metrics.applied();
        metrics.applied();
        metrics.rejected();
        assertEquals(2.0, meters.get("gatehouse.config.snapshots").tag("result", "applied").counter().count());
        assertEquals(1.0, meters.get("gatehouse.config.snapshots").tag("result", "rejected").counter().count());
    }

    @Test
    void stalenessIsZeroWhileConnectedAndGrowsFromTheLastContactAfterwards() {
        policy.connectionUp();
        assertEquals(1.0, gauge("gatehouse.config.control.plane.connected"));
        assertEquals(0.0, gauge("gatehouse.config.staleness"));

        policy.connectionDown();
        clock.advance(Duration.ofSeconds(90));
        assertEquals(0.0, gauge("gatehouse.config.control.plane.connected"));
        assertEquals(90.0, gauge("gatehouse.config.staleness"));
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }
}
