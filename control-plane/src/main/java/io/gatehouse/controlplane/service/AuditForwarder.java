package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.AuditChainEntry;
import io.gatehouse.controlplane.domain.AuditChainHead;
import io.gatehouse.controlplane.repository.AdvisoryLock;
import io.gatehouse.controlplane.repository.AuditChainRepository;
import io.gatehouse.controlplane.repository.AuditForwardPositions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Forwards the audit trail to a sink (a SIEM's OTLP/HTTP endpoint), at least once and in order: each
 * source's hash chain is followed by its sequence numbers, which are commit order, and a sink's position
 * in each chain only moves after the sink took the batch. One control-plane replica forwards at a time.
 */
@ApplicationScoped
public class AuditForwarder {

    private static final Logger LOG = Logger.getLogger(AuditForwarder.class);

    private final AuditStore store;
    private final AuditChainRepository chains;
    private final AuditForwardPositions positions;
    private final ControlPlaneConfig.AuditForward config;
    private final Counter forwarded;
    private final Counter failures;
    private ScheduledExecutorService scheduler;

    public AuditForwarder(AuditStore store, AuditChainRepository chains, AuditForwardPositions positions,
                          ControlPlaneConfig config, MeterRegistry meters) {
        this.store = store;
        this.chains = chains;
        this.positions = positions;
        this.config = config.auditForward();
        this.forwarded = Counter.builder("gatehouse.audit.forwarded").description("Audit events delivered to the SIEM sink")
                .register(meters);
        this.failures = Counter.builder("gatehouse.audit.forward.failures")
                .description("Failed attempts to deliver audit events to the SIEM sink (retried)").register(meters);
    }

    void onStart(@Observes StartupEvent event) {
        Optional<AuditSink> sink = config.otlpEndpoint().map(endpoint -> new OtlpHttpLogSink(endpoint,
                config.otlpHeaders().map(OtlpHttpLogSink::parseHeaders).orElse(Map.of()), config.timeout()));
        if (sink.isEmpty()) {
            return;
        }
        LOG.infof("Forwarding the audit trail as OpenTelemetry logs to %s every %s",
                OtlpHttpLogSink.withoutSecrets(config.otlpEndpoint().get()),
                config.interval());
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-forwarder");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.interval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> forwardQuietly(sink.get()), interval, interval, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /**
     * Sends everything the sink has not taken yet; answers how many events it took, or -1 when another
     * replica is forwarding.
     */
    public int forwardTo(AuditSink sink) throws SQLException, IOException {
        Optional<AdvisoryLock> lock = positions.tryLock();
        if (lock.isEmpty()) {
            return -1;
        }
        try (AdvisoryLock held = lock.get()) {
            int sent = 0;
            for (AuditChainHead head : chains.heads()) {
                sent += forwardChain(sink, head);
            }
            return sent;
        }
    }

    private int forwardChain(AuditSink sink, AuditChainHead head) throws SQLException, IOException {
        long position = positions.lastSeq(sink.name(), head.source());
        int sent = 0;
        while (position < head.seq()) {
            List<AuditChainEntry> batch = store.chainPage(head.source(), position, config.batchSize());
            if (batch.isEmpty()) {
                break; // events older than the chains (before migration V5) are not forwarded
            }
            sink.send(batch);
            position = batch.get(batch.size() - 1).seq();
            positions.advance(sink.name(), head.source(), position);
            forwarded.increment(batch.size());
            sent += batch.size();
        }
        return sent;
    }

    private void forwardQuietly(AuditSink sink) {
        try {
            forwardTo(sink);
        } catch (SQLException | IOException | RuntimeException e) {
            failures.increment();
            LOG.warnf("Could not forward audit events (%s); retrying in %s. Events wait in the store, none is lost.",
                    e.getMessage(), config.interval());
        }
    }
}
