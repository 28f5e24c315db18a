package io.gatehouse.controlplane.grpc;

import io.gatehouse.controlplane.domain.AuditRecord;
import io.gatehouse.controlplane.service.AuditStore;
import io.gatehouse.proto.audit.v1.AuditAck;
import io.gatehouse.proto.audit.v1.AuditBatch;
import io.gatehouse.proto.audit.v1.AuditIngestionService;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Stores each audit batch durably (one transaction, off the event loop) before acknowledging its
 * last sequence number; batches are handled one after the other, in order.
 */
@GrpcService
public class AuditIngestionGrpcService implements AuditIngestionService {

    private static final Logger LOG = Logger.getLogger(AuditIngestionGrpcService.class);

    private final AuditStore store;
    private final AuditEventProtoMapper mapper;

    public AuditIngestionGrpcService(AuditStore store, AuditEventProtoMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    @Override
    public Multi<AuditAck> ingest(Multi<AuditBatch> batches) {
        return batches.onItem().transformToUniAndConcatenate(batch -> Uni.createFrom()
                .item(() -> storeAndAcknowledge(batch))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private AuditAck storeAndAcknowledge(AuditBatch batch) {
        List<AuditRecord> records;
        try {
            records = mapper.toRecords(batch);
        } catch (MalformedAuditEventException e) {
            LOG.warnf("Refused audit batch up to sequence %d from data plane %s: %s", batch.getLastSequence(),
                    batch.getDataPlaneId(), e.getMessage());
            throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
        }
        try {
            store.store(records);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not store audit batch up to sequence %d from data plane %s", batch.getLastSequence(),
                    batch.getDataPlaneId());
            throw Status.UNAVAILABLE.withDescription("the audit store could not write the batch; retry later")
                    .asRuntimeException();
        }
        return AuditAck.newBuilder().setAckedSequence(batch.getLastSequence()).build();
    }
}
