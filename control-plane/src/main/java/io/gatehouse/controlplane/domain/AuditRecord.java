package io.gatehouse.controlplane.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.UUID;

/**
 * One proxied call as reported by a data plane, or another service's security event ({@code kind} other
 * than {@value #CALL}, caused by {@code actor}). Optional text fields are {@code null} when the
 * data plane did not know them (e.g. no identity for an unauthenticated call); {@code status} is
 * 0 when the upstream was not contacted. {@code recording} is {@code null} when the data plane recorded nothing
 * beyond the metadata (no query, level metadata, or an event that is not a call). {@code route} is the path pattern of
 * the grant that allowed the call (the operation usage evidence counts it as), {@code null} when no grant did.
 */
public record AuditRecord(
        UUID eventId,
        String requestId,
        Instant time,
        String dataPlaneId,
        String identity,
        String resource,
        String method,
        String path,
        AuditDecision decision,
        String reason,
        String approvalId,
        int status,
        long durationMs,
        List<String> maskedFields,
        String kind,
        String actor,
        Map<String, Integer> maskedValues,
        CallRecording recording,
        String route) {

    /** The kind of a call through a data plane. */
    public static final String CALL = "call";

    public AuditRecord {
        kind = kind == null || kind.isBlank() ? CALL : kind;
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(decision, "decision");
        maskedFields = List.copyOf(maskedFields);
        maskedValues = maskedValues == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(maskedValues));
    }

    /** A record that names no operation: an event that is not a call, or a call no grant allowed. */
    public AuditRecord(UUID eventId, String requestId, Instant time, String dataPlaneId, String identity, String resource,
                       String method, String path, AuditDecision decision, String reason, String approvalId, int status,
                       long durationMs, List<String> maskedFields, String kind, String actor,
                       Map<String, Integer> maskedValues, CallRecording recording) {
        this(eventId, requestId, time, dataPlaneId, identity, resource, method, path, decision, reason, approvalId, status,
                durationMs, maskedFields, kind, actor, maskedValues, recording, null);
    }
}
