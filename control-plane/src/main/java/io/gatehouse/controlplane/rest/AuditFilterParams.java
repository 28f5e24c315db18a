package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditFilter;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The filter parameters shared by the audit search and export endpoints. */
public class AuditFilterParams {

    @QueryParam("requestId")
    @Parameter(description = "Only events of this request id (X-Gatehouse-Request-Id)")
    String requestId;

    @QueryParam("identity")
    @Parameter(description = "Only events of this identity")
    String identity;

    @QueryParam("kind")
    @Parameter(description = "Only events of this kind: call, or e.g. approval.approved, credential.denied")
    String kind;

    @QueryParam("resource")
    @Parameter(description = "Only events about this resource")
    String resource;

    @QueryParam("approvalId")
    @Parameter(description = "Only events of this approval")
    String approvalId;

    @QueryParam("method")
    @Parameter(description = "Only calls with this HTTP method")
    String method;

    @QueryParam("decision")
    @Parameter(description = "Only events with this decision: allowed, denied, pending_approval, error")
    String decision;

    @QueryParam("from")
    @Parameter(description = "Only events at or after this instant (ISO-8601, e.g. 2026-11-29T10:00:00Z)")
    String from;

    @QueryParam("to")
    @Parameter(description = "Only events before this instant (ISO-8601)")
    String to;

    /** @throws InvalidRequestException naming the parameter that cannot be read */
    AuditFilter toFilter() {
        return new AuditFilter(Optional.ofNullable(requestId), Optional.ofNullable(identity), Optional.ofNullable(kind),
                Optional.ofNullable(resource), Optional.ofNullable(approvalId),
                Optional.ofNullable(method).map(value -> value.strip().toUpperCase(Locale.ROOT)),
                Optional.ofNullable(decision).filter(value -> !value.isBlank()).map(AuditFilterParams::decision),
                instant("from", from), instant("to", to));
    }

    private static AuditDecision decision(String text) {
        try {
            AuditDecision parsed = AuditDecision.valueOf(text.strip().toUpperCase(Locale.ROOT));
            if (parsed != AuditDecision.UNSPECIFIED) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidRequestException("decision must be one of " + Arrays.stream(AuditDecision.values())
                .filter(value -> value != AuditDecision.UNSPECIFIED).map(value -> value.name().toLowerCase(Locale.ROOT))
                .toList() + ", was '" + text + "'");
    }

    static Optional<Instant> instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name + " must be an ISO-8601 instant like 2026-11-29T10:00:00Z, was '" + text + "'");
        }
    }
}
