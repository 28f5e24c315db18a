package io.gatehouse.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gatehouse.cli.failure.CliFailure;
import io.gatehouse.cli.failure.ExitCodes;
import io.gatehouse.cli.http.Query;
import io.gatehouse.cli.http.RequestBody;
import io.gatehouse.cli.output.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.List;

import static io.gatehouse.cli.output.Column.field;

/** {@code gatehouse approvals …}: just-in-time approvals of single high-risk calls (approval service). */
@Command(name = "approvals", description = "Calls held for a human's approval: list, show, approve, deny, watch.")
public final class ApprovalsCommand extends CommandGroup {

    static final String PATH = "/api/v1/approvals";
    static final List<Column> COLUMNS = Column.of(field("ID", "id"), field("STATE", "state"),
            field("IDENTITY", "identity"), field("METHOD", "method"), field("RESOURCE", "resource"),
            field("PATH", "path"), field("APPROVER GROUP", "approverGroup"), field("QUORUM", "quorum"),
            field("EXPIRES", "expiresAt"));

    @Command(name = "list", description = "List approvals, newest first, optionally in one state.")
    void list(@Option(names = "--state", paramLabel = "STATE",
            description = "PENDING, APPROVED, DENIED, EXPIRED, CANCELLED, CONSUMED or BREAK_GLASS") String state) {
        printer().list(context().approvals().get(PATH, Query.empty().with("state", state)).json(), COLUMNS);
    }

    @Command(name = "show", description = "Show one approval with its decisions and history.")
    void show(@Parameters(paramLabel = "ID") String id) {
        printer().object(context().approvals().get(PATH + "/" + Query.segment(id), Query.empty()).json());
    }

    @Command(name = "approve", description = "Approve a pending call.")
    void approve(@Parameters(paramLabel = "ID") String id,
                 @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why (recorded)") String reason) {
        decide(id, "approve", reason);
    }

    @Command(name = "deny", description = "Deny a pending call.")
    void deny(@Parameters(paramLabel = "ID") String id,
              @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why (recorded)") String reason) {
        decide(id, "deny", reason);
    }

    @Command(name = "watch", description = {"Print pending approvals as they appear, polling every --interval seconds, until Ctrl-C.",
            "Each poll prints only the approvals not printed before."})
    void watch(@Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5", description = "Poll interval (default: ${DEFAULT-VALUE})") int seconds,
               @Option(names = "--once", description = "Print the pending approvals once and exit (for scripts)") boolean once) throws InterruptedException {
        if (seconds < 1) {
            throw new CliFailure(ExitCodes.USAGE, "--interval must be at least 1 second, was " + seconds);
        }
        ApprovalWatcher watcher = new ApprovalWatcher(() -> context().approvals().get(PATH, Query.empty().with("state", "PENDING")).json(),
                fresh -> printer().list(fresh, COLUMNS));
        if (once) {
            watcher.pollOnce(true);
        } else {
            watcher.run(Duration.ofSeconds(seconds));
        }
    }

    private void decide(String id, String action, String reason) {
        JsonNode body = JsonNodeFactory.instance.objectNode().put("reason", reason);
        JsonNode approval = context().approvals().post(PATH + "/" + Query.segment(id) + "/" + action, Query.empty(), RequestBody.json(body)).json();
        printer().outcome("approval " + id + ": " + approval.path("state").asText("?")
                + " (approved by " + Column.text(approval, "approvedBy") + ")", approval);
    }
}
