package io.gatehouse.controlplane.grpc;

import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.gatehouse.proto.audit.v1.AuditBatch;
import io.gatehouse.proto.audit.v1.AuditEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Maps the audit events of a batch to domain records, refusing malformed ones by name. */
@ApplicationScoped
public class AuditEventProtoMapper {

    private static final Pattern KIND = Pattern.compile("[a-z][a-z_]{0,39}(\\.[a-z][a-z_]{0,39}){0,3}");

    /** @throws MalformedAuditEventException naming the first malformed event of the batch */
    public List<AuditRecord> toRecords(AuditBatch batch) {
        List<AuditRecord> records = new ArrayList<>(batch.getEventsCount());
        for (int index = 0; index < batch.getEventsCount(); index++) {
            records.add(toRecord(batch.getEvents(index), index, batch.getDataPlaneId()));
        }
        return records;
    }

    private static AuditRecord toRecord(AuditEvent event, int index, String batchDataPlaneId) {
        String name = "event #" + index + " of the batch" + (event.getEventId().isEmpty() ? "" : " (event_id '" + event.getEventId() + "')")
                + (event.getRequestId().isEmpty() ? "" : " (request_id '" + event.getRequestId() + "')");
        if (event.getEventId().isBlank()) {
            throw new MalformedAuditEventException(name + ": event_id is required");
        }
        UUID eventId;
        try {
            eventId = UUID.fromString(event.getEventId());
        } catch (IllegalArgumentException e) {
            throw new MalformedAuditEventException(name + ": event_id must be a UUID");
        }
        if (!event.hasTime()) {
            throw new MalformedAuditEventException(name + ": time is required");
        }
        return new AuditRecord(
                eventId,
                textOrNull(event.getRequestId()),
                ProtoTime.instant(event.getTime()),
                textOrNull(event.getDataPlaneId().isEmpty() ? batchDataPlaneId : event.getDataPlaneId()),
                textOrNull(event.getIdentity()),
                textOrNull(event.getResource()),
                textOrNull(event.getMethod()),
                textOrNull(event.getPath()),
                toDomain(event.getDecision()),
                textOrNull(event.getReason()),
                textOrNull(event.getApprovalId()),
                event.getStatus(),
                event.hasDuration() ? ProtoTime.duration(event.getDuration()).toMillis() : 0L,
                event.getMaskedFieldsList(),
                kind(event.getKind(), name),
                textOrNull(event.getActor()),
                event.getMaskedValuesMap(),
                CallRecordingProtoMapper.toDomain(event),
                textOrNull(event.getRoute()));
    }

    /** Empty means a call; anything else must be a dotted lower-case name like approval.approved. */
    private static String kind(String kind, String name) {
        if (kind.isEmpty()) {
            return AuditRecord.CALL;
        }
        if (!KIND.matcher(kind).matches()) {
            throw new MalformedAuditEventException(name + ": kind must be 'call' or a dotted lower-case name like"
                    + " approval.approved");
        }
        return kind;
    }

    private static AuditDecision toDomain(io.gatehouse.proto.audit.v1.Decision decision) {
        return switch (decision) {
            case DECISION_ALLOWED -> AuditDecision.ALLOWED;
            case DECISION_DENIED -> AuditDecision.DENIED;
            case DECISION_PENDING_APPROVAL -> AuditDecision.PENDING_APPROVAL;
            case DECISION_ERROR -> AuditDecision.ERROR;
            case DECISION_UNSPECIFIED, UNRECOGNIZED -> AuditDecision.UNSPECIFIED;
        };
    }

    private static String textOrNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
