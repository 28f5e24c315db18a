package io.gatehouse.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.cli.failure.CliFailure;
import io.gatehouse.cli.failure.ExitCodes;
import io.gatehouse.cli.http.ApiClient;
import io.gatehouse.cli.http.ApiResponse;
import io.gatehouse.cli.http.Query;
import io.gatehouse.cli.output.Column;
import io.gatehouse.cli.output.TableRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.gatehouse.cli.output.Column.field;

/** {@code gatehouse audit …}: the control plane's tamper-evident audit trail. */
@Command(name = "audit", description = "The audit trail: search, export, verify the hash chains.")
public final class AuditCommand extends CommandGroup {

    static final String EVENTS_PATH = "/api/v1/audit/events";
    static final String EXPORT_PATH = "/api/v1/audit/export";
    static final String VERIFY_PATH = "/api/v1/audit/verify";
    /** Page size of {@code search --all} when no {@code --limit} is given: the server's maximum. */
    static final int ALL_PAGE_SIZE = 500;

    static final List<Column> EVENT_COLUMNS = Column.of(field("TIME", "time"), field("KIND", "kind"),
            field("IDENTITY", "identity"), field("ACTOR", "actor"), field("RESOURCE", "resource"), field("METHOD", "method"),
            field("PATH", "path"), field("DECISION", "decision"), field("STATUS", "status"), field("REQUEST ID", "requestId"));
    static final List<Column> CHAIN_COLUMNS = Column.of(field("SOURCE", "source"), field("EVENTS", "events"),
            field("LAST SEQ", "lastSeq"), field("CHECKPOINTS", "checkpoints"), field("PROBLEMS", "problems"));

    @Command(name = "search", description = "Search audit events, newest first.")
    void search(@Mixin AuditFilterOptions filters,
                @Option(names = "--limit", paramLabel = "N", description = "Events per page, 1-500 (server default 50)") Integer limit,
                @Option(names = "--all", description = "Follow X-Gatehouse-Next-Cursor through every page") boolean all) {
        ApiClient controlPlane = context().controlPlane();
        Query query = filters.toQuery();
        JsonNode events;
        if (all) {
            events = controlPlane.getAllPages(EVENTS_PATH, query.with("limit", limit == null ? ALL_PAGE_SIZE : limit));
        } else {
            ApiResponse page = controlPlane.get(EVENTS_PATH, query.with("limit", limit));
            events = page.json();
            page.header(ApiClient.NEXT_CURSOR_HEADER)
                    .ifPresent(cursor -> printer().note("the page is full, more events may match: use --all or a larger --limit"));
        }
        printer().list(events, EVENT_COLUMNS);
    }

    @Command(name = "export", description = "Stream every matching event, oldest first, as JSON Lines or CSV (to stdout or a file).")
    void export(@Mixin AuditFilterOptions filters,
                @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl", description = "jsonl or csv (default: ${DEFAULT-VALUE})") ExportFormat format,
                @Option(names = {"-o", "--output-file"}, paramLabel = "FILE", description = "Write to this file instead of stdout") Path file) {
        ApiClient controlPlane = context().controlPlane();
        Query query = filters.toQuery().with("format", format.name());
        FileOutput.write(file, context().out(), out -> controlPlane.download(EXPORT_PATH, query, format.mediaType, out));
    }

    @Command(name = "verify", description = "Verify the hash chains and signed checkpoints; exits with 1 when the trail is not intact.")
    int verify(@Option(names = "--source", paramLabel = "SOURCE", description = "Only this chain (a data-plane id, approval-service, …)") String source) {
        JsonNode report = context().controlPlane().get(VERIFY_PATH, Query.empty().with("source", source)).json();
        printer().document(report, table -> TableRenderer.render(CHAIN_COLUMNS, report.path("sources"), table));
        if (report.path("sources").isEmpty()) {
            // the server calls an empty set of chains intact: say that nothing was checked instead
            if (source != null) {
                throw new CliFailure(ExitCodes.NOT_FOUND, "error: there is no audit chain of source '" + source + "': nothing was verified");
            }
            printer().note("no audit events are stored yet: nothing to verify");
            return ExitCodes.OK;
        }
        if (!report.path("intact").asBoolean(false)) {
            List<String> lines = new ArrayList<>();
            lines.add("error: the audit trail is NOT intact");
            for (JsonNode chain : report.path("sources")) {
                chain.path("problems").forEach(problem -> lines.add("  " + chain.path("source").asText() + ": " + problem.asText()));
            }
            throw new CliFailure(ExitCodes.FAILED, lines, null);
        }
        printer().note("the audit trail is intact");
        return ExitCodes.OK;
    }

    /** Formats of {@code audit export}. */
    enum ExportFormat {
        jsonl("application/jsonl"),
        csv("text/csv");

        final String mediaType;

        ExportFormat(String mediaType) {
            this.mediaType = mediaType;
        }
    }
}
