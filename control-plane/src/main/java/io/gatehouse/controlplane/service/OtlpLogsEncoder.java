package io.gatehouse.controlplane.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.controlplane.domain.AuditChainEntry;
import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditRecord;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Audit events as an OpenTelemetry logs export request in OTLP/HTTP's JSON encoding
 * ({@code ExportLogsServiceRequest}): one log record per event, the event's fields as attributes under
 * {@code gatehouse.*}, the event time as {@code timeUnixNano}, and a one-line summary as the body.
 * 64-bit integers are strings, as the protobuf JSON mapping requires.
 */
public final class OtlpLogsEncoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OtlpLogsEncoder() {
    }

    public static byte[] encode(String serviceName, List<AuditChainEntry> entries) {
        ObjectNode request = JSON.createObjectNode();
        ObjectNode resourceLogs = request.putArray("resourceLogs").addObject();
        attribute(resourceLogs.putObject("resource").putArray("attributes"), "service.name", serviceName);
        ObjectNode scopeLogs = resourceLogs.putArray("scopeLogs").addObject();
        scopeLogs.putObject("scope").put("name", "gatehouse.audit");
        ArrayNode records = scopeLogs.putArray("logRecords");
        for (AuditChainEntry entry : entries) {
            logRecord(records.addObject(), entry);
        }
        try {
            return JSON.writeValueAsBytes(request);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("audit events could not be encoded for OTLP", e);
        }
    }

    private static void logRecord(ObjectNode log, AuditChainEntry entry) {
        AuditRecord event = entry.event().record();
        log.put("timeUnixNano", nanos(event.time()));
        log.put("observedTimeUnixNano", nanos(entry.event().receivedAt()));
        boolean refused = event.decision() != AuditDecision.ALLOWED;
        log.put("severityNumber", refused ? 13 : 9); // WARN for anything not allowed, else INFO
        log.put("severityText", refused ? "WARN" : "INFO");
        log.putObject("body").put("stringValue", summary(event));
        ArrayNode attributes = log.putArray("attributes");
        attribute(attributes, "gatehouse.event_id", event.eventId().toString());
        attribute(attributes, "gatehouse.kind", event.kind());
        attribute(attributes, "gatehouse.request_id", event.requestId());
        attribute(attributes, "gatehouse.data_plane_id", event.dataPlaneId());
        attribute(attributes, "gatehouse.identity", event.identity());
        attribute(attributes, "gatehouse.actor", event.actor());
        attribute(attributes, "gatehouse.resource", event.resource());
        attribute(attributes, "http.request.method", event.method());
        attribute(attributes, "url.path", event.path());
        attribute(attributes, "gatehouse.decision", event.decision().name());
        attribute(attributes, "gatehouse.reason", event.reason());
        attribute(attributes, "gatehouse.approval_id", event.approvalId());
        if (event.status() > 0) {
            intAttribute(attributes, "http.response.status_code", event.status());
        }
        intAttribute(attributes, "gatehouse.duration_ms", event.durationMs());
        if (!event.maskedFields().isEmpty()) {
            attribute(attributes, "gatehouse.masked_fields", String.join(",", event.maskedFields()));
        }
        attribute(attributes, "gatehouse.chain.source", entry.source());
        intAttribute(attributes, "gatehouse.chain.seq", entry.seq());
    }

    private static String summary(AuditRecord event) {
        if (!AuditRecord.CALL.equals(event.kind())) {
            return event.kind() + " by " + event.actor() + ": " + event.reason();
        }
        return event.identity() + " " + event.method() + " " + event.path() + " -> " + event.decision()
                + (event.status() > 0 ? " " + event.status() : "");
    }

    private static void attribute(ArrayNode attributes, String key, String value) {
        if (value != null && !value.isEmpty()) {
            ObjectNode attribute = attributes.addObject();
            attribute.put("key", key);
            attribute.putObject("value").put("stringValue", value);
        }
    }

    private static void intAttribute(ArrayNode attributes, String key, long value) {
        ObjectNode attribute = attributes.addObject();
        attribute.put("key", key);
        attribute.putObject("value").put("intValue", Long.toString(value));
    }

    private static String nanos(Instant time) {
        return time == null ? "0" : Long.toString(Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L),
                time.getNano()));
    }
}
