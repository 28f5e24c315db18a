package io.gatehouse.approval.audit;

import com.google.protobuf.InvalidProtocolBufferException;
import io.gatehouse.proto.audit.v1.AuditAck;
import io.gatehouse.proto.audit.v1.AuditBatch;
import io.gatehouse.proto.audit.v1.AuditEvent;
import io.gatehouse.proto.audit.v1.AuditIngestionService;
import io.grpc.Metadata;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ships the audit outbox to the control plane's {@code AuditIngestionService}: the oldest waiting events
 * go as one batch, and their rows are deleted only once the control plane has acknowledged the batch (it
 * acknowledges after storing it durably). A control plane that is down or refuses leaves the rows in
 * place; they are sent again later. Delivery is at-least-once; the control plane ignores event ids it
 * already holds.
 */
@ApplicationScoped
public class AuditOutboxShipper {

    private static final Logger LOG = Logger.getLogger(AuditOutboxShipper.class);
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final AuditIngestionService controlPlane;
    private final AuditOutboxRepository outbox;
    private final AuditShippingConfig config;
    private final ScheduledExecutorService shipper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-outbox-shipper");
        thread.setDaemon(true);
        return thread;
    });
    private boolean healthy = true; // only touched on the shipper thread: one WARN per outage

    public AuditOutboxShipper(@GrpcClient("controlplane") AuditIngestionService controlPlane, AuditOutboxRepository outbox,
            AuditShippingConfig config) {
        if (config.enabled() && config.joinToken().filter(token -> !token.isBlank()).isEmpty()) {
            throw new IllegalStateException("gatehouse.approval.audit.join-token (GATEHOUSE_APPROVAL_AUDIT_JOIN_TOKEN) is"
                    + " not set: the control plane accepts audit events only with one of its join tokens. Set it, or set"
                    + " gatehouse.approval.audit.enabled=false to keep the events in the audit_outbox table");
        }
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + config.joinToken().orElse(""));
        this.controlPlane = GrpcClientUtils.attachHeaders(controlPlane, headers);
        this.outbox = outbox;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.warn("Shipping approval audit events to the control plane is off (gatehouse.approval.audit.enabled=false); "
                    + "they stay in the audit_outbox table");
            return;
        }
        long interval = config.shipInterval().toMillis();
        shipper.scheduleWithFixedDelay(this::shipWaiting, interval, interval, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        shipper.shutdownNow();
    }

    private void shipWaiting() {
        try {
            int shipped;
            do {
                shipped = QuarkusTransaction.requiringNew().timeout((int) config.ackTimeout().toSeconds() + 5)
                        .call(this::shipOneBatch);
            } while (shipped == config.batchSize());
            if (!healthy) {
                healthy = true;
                LOG.info("The control plane acknowledges approval audit events again");
            }
        } catch (RuntimeException e) {
            if (healthy) {
                healthy = false;
                LOG.warnf("Could not ship approval audit events to the control plane (%s); they wait in the outbox "
                        + "and are sent once it is back", describe(e));
            }
        }
    }

    /** In one transaction: lock the oldest rows, send them, wait for the ack, delete them. */
    private int shipOneBatch() {
        List<AuditOutboxEntity> rows = outbox.lockOldest(config.batchSize());
        if (rows.isEmpty()) {
            return 0;
        }
        long lastSequence = rows.get(rows.size() - 1).id();
        AuditBatch.Builder batch = AuditBatch.newBuilder().setDataPlaneId(config.sourceId()).setLastSequence(lastSequence);
        for (AuditOutboxEntity row : rows) {
            batch.addEvents(parse(row));
        }
        AuditAck ack = controlPlane.ingest(Multi.createFrom().item(batch.build()))
                .toUni()
                .await().atMost(config.ackTimeout());
        if (ack == null || ack.getAckedSequence() < lastSequence) {
            throw new IllegalStateException("the control plane did not acknowledge the batch");
        }
        outbox.deleteShipped(rows.stream().map(AuditOutboxEntity::id).toList());
        return rows.size();
    }

    private static AuditEvent parse(AuditOutboxEntity row) {
        try {
            return AuditEvent.parseFrom(row.event());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("audit_outbox row " + row.id() + " does not hold an audit event", e);
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause instanceof io.grpc.StatusRuntimeException status
                ? status.getStatus().getCode().toString()
                : cause.getClass().getSimpleName();
    }
}
