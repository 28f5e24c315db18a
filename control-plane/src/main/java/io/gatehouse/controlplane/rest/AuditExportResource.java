package io.gatehouse.controlplane.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.domain.AuditFilter;
import io.gatehouse.controlplane.domain.StoredAuditEvent;
import io.gatehouse.controlplane.service.AuditStore;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Streams every audit event matching the filters, in the order stored, as JSON Lines (one {@link AuditEventView}
 * per line) or CSV (RFC 4180, header row). Read page by page, so an export of any size holds one page in memory.
 */
@Path("/api/v1/audit/export")
@Authenticated
@Tag(name = "audit")
public class AuditExportResource {

    static final int PAGE = 1000;

    private final AuditStore store;
    private final ObjectMapper json;
    private final AdminCallers callers;

    public AuditExportResource(AuditStore store, ObjectMapper json, AdminCallers callers) {
        this.callers = callers;
        this.store = store;
        this.json = json;
    }

    @GET
    @Blocking
    @Operation(summary = "Export audit events as JSON Lines (format=jsonl, default) or CSV (format=csv)")
    public Response export(@BeanParam AuditFilterParams params,
                           @Parameter(description = "jsonl (default) or csv") @QueryParam("format") String format) {
        callers.auditReader();
        AuditFilter filter = params.toFilter();
        String chosen = format == null || format.isBlank() ? "jsonl" : format.strip().toLowerCase(Locale.ROOT);
        return switch (chosen) {
            case "jsonl" -> Response.ok(stream(filter, this::writeJsonLine, null), "application/jsonl")
                    .header("Content-Disposition", "attachment; filename=\"audit-events.jsonl\"").build();
            case "csv" -> Response.ok(stream(filter, AuditCsv::writeRow, AuditCsv.HEADER), "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"audit-events.csv\"").build();
            default -> throw new InvalidRequestException("format must be jsonl or csv, was '" + format + "'");
        };
    }

    private StreamingOutput stream(AuditFilter filter, RowWriter rows, String header) {
        return output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            if (header != null) {
                writer.write(header);
            }
            long after = 0;
            List<StoredAuditEvent> page;
            do {
                page = store.exportPage(filter, after, PAGE);
                for (StoredAuditEvent event : page) {
                    rows.write(writer, AuditEventView.from(event));
                    after = event.id();
                }
                writer.flush();
            } while (page.size() == PAGE);
            writer.flush();
        };
    }

    private void writeJsonLine(Writer writer, AuditEventView event) throws IOException {
        writer.write(json.writeValueAsString(event));
        writer.write('\n');
    }

    @FunctionalInterface
    private interface RowWriter {
        void write(Writer writer, AuditEventView event) throws IOException;
    }
}
