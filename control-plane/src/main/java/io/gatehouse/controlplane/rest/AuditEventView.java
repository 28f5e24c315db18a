package io.gatehouse.controlplane.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.gatehouse.controlplane.domain.CallRecording;
import io.gatehouse.controlplane.domain.StoredAuditEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One audit event as the admin API shows it (docs/CONTRACTS.md); {@code recording} is null when the data plane
 * recorded nothing beyond the metadata; {@code route} is the path pattern of the grant that allowed the call.
 */
@JsonPropertyOrder({"id", "eventId", "requestId", "identity", "resource", "method", "path", "route", "decision", "reason",
        "status", "approvalId", "maskedFields", "maskedValues", "time", "dataPlaneId", "kind", "actor",
        "recording"})
public record AuditEventView(long id, String eventId, String requestId, String identity, String resource,
                             String method, String path, String route, String decision, String reason, int status,
                             String approvalId, List<String> maskedFields, Map<String, Integer> maskedValues,
                             Instant time, String dataPlaneId,
                             String kind, String actor, CallRecording recording) {

    static AuditEventView from(StoredAuditEvent event) {
        AuditRecord record = event.record();
        return new AuditEventView(event.id(), record.eventId().toString(), record.requestId(), record.identity(),
                record.resource(), record.method(), record.path(), record.route(), record.decision().name(), record.reason(),
                record.status(), record.approvalId(), record.maskedFields(), record.maskedValues(), record.time(),
                record.dataPlaneId(),
                record.kind(), record.actor(), record.recording());
    }
}
