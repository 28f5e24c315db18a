package io.gatehouse.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gatehouse.cli.http.Query;
import io.gatehouse.cli.http.RequestBody;
import io.gatehouse.cli.output.Column;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

import static io.gatehouse.cli.output.Column.field;

/**
 * {@code gatehouse break-glass …}: the mandatory reviews of break-glass calls (approval service). Access-review
 * campaigns over identities and grants are {@code gatehouse reviews}.
 */
@Command(name = "break-glass",
        description = {"Break-glass reviews: calls that passed at once under a break-glass grant and must be judged afterwards.",
                "Access-review campaigns (certify or revoke identities and grants) are 'gatehouse reviews'."})
public final class BreakGlassCommand extends CommandGroup {

    static final String PATH = "/api/v1/reviews";
    static final List<Column> COLUMNS = Column.of(field("ID", "id"), field("IDENTITY", "identity"),
            field("METHOD", "method"), field("RESOURCE", "resource"), field("PATH", "path"),
            field("JUSTIFICATION", "justification"), field("APPROVER GROUP", "approverGroup"), field("AT", "createdAt"));

    @Command(name = "list", description = "List the open break-glass reviews of your groups (or of one group), oldest first.")
    void list(@Option(names = "--group", paramLabel = "GROUP", description = "Only this approver group") String group) {
        printer().list(context().approvals().get(PATH, Query.empty().with("group", group)).json(), COLUMNS);
    }

    /** Exactly one of the two verdicts. */
    static final class Verdict {
        @Option(names = "--justified", required = true, description = "The break-glass call was justified") boolean justified;
        @Option(names = "--unjustified", required = true, description = "It was not") boolean unjustified;
    }

    @Command(name = "decide", description = "Close the review of a break-glass call as justified or unjustified.")
    void decide(@Parameters(paramLabel = "ID") String id,
                @ArgGroup(exclusive = true, multiplicity = "1") Verdict verdict,
                @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why (recorded)") String reason) {
        JsonNode body = JsonNodeFactory.instance.objectNode().put("justified", verdict.justified).put("reason", reason);
        JsonNode approval = context().approvals().post(PATH + "/" + Query.segment(id), Query.empty(), RequestBody.json(body)).json();
        printer().outcome("review of " + id + " closed: " + (verdict.justified ? "justified" : "unjustified"), approval);
    }
}
