package io.gatehouse.dataplane.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The audit spool as Prometheus gauges, read at each scrape: what waits for the control plane's
 * acknowledgement (events and bytes) and whether new calls are being refused because of it. An
 * alert on a growing backlog says the control plane or its database is away before the high-water
 * mark starts refusing calls.
 */
@ApplicationScoped
public class AuditSpoolMetrics {

    private final AuditShipper shipper;
    private final MeterRegistry meters;

    public AuditSpoolMetrics(AuditShipper shipper, MeterRegistry meters) {
        this.shipper = shipper;
        this.meters = meters;
    }

    void register(@Observes StartupEvent event) {
        register(shipper, meters);
    }

    static void register(AuditShipper shipper, MeterRegistry meters) {
        Gauge.builder("gatehouse.audit.spool.backlog.events", shipper, AuditShipper::backlog)
                .description("Audit events spooled and not yet acknowledged by the control plane").register(meters);
        Gauge.builder("gatehouse.audit.spool.unacknowledged.bytes", shipper, AuditShipper::unacknowledgedBytes)
                .baseUnit("bytes")
                .description("Spooled bytes not yet acknowledged; calls are refused (503) above the high-water mark")
                .register(meters);
        Gauge.builder("gatehouse.audit.spool.refusing", shipper, current -> current.hasRoom() ? 0 : 1)
                .description("1 while new calls are refused because the spool is full or not writable").register(meters);
    }
}
