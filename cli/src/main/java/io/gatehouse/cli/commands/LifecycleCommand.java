package io.gatehouse.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gatehouse.cli.http.Query;
import io.gatehouse.cli.http.RequestBody;
import io.gatehouse.cli.output.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

import static io.gatehouse.cli.output.Column.field;

/** {@code gatehouse lifecycle …}: what the automatic identity lifecycle did, undoing it, and running it now. */
@Command(name = "lifecycle", description = "Automatic suspension and revocation of unused identities and client secrets,"
        + " orphan flags, and their undo.")
public final class LifecycleCommand extends CommandGroup {

    static final String PATH = "/api/v1/lifecycle";
    static final List<Column> COLUMNS = Column.of(field("ID", "id"), field("TAKEN", "takenAt"),
            field("IDENTITY", "identity"), field("ACTION", "action"), field("REASON", "reason"),
            field("UNDONE", "undoneAt"));

    @Command(name = "actions", description = "List automatic actions, newest first.")
    void actions(@Option(names = "--identity", paramLabel = "NAME", description = "Only actions on this identity") String identity,
                 @Option(names = "--action", paramLabel = "ACTION", description = "suspended, revoked, client-secret-revoked,"
                         + " flagged-orphan or orphan-flag-cleared") String action,
                 @Option(names = "--since", paramLabel = "INSTANT", description = "Only actions at or after this ISO-8601 instant") String since) {
        printer().list(context().controlPlane().getAllPages(PATH + "/actions",
                Query.empty().with("identity", identity).with("action", action).with("since", since)), COLUMNS);
    }

    @Command(name = "undo", description = "Undo an automatic action (admins): the previous state comes back and the"
            + " unused period starts again now.")
    void undo(@Parameters(paramLabel = "ID") long id,
              @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why; recorded in the audit trail") String reason) {
        JsonNode body = JsonNodeFactory.instance.objectNode().put("reason", reason);
        JsonNode undone = context().controlPlane()
                .post(PATH + "/actions/" + id + "/undo", Query.empty(), RequestBody.json(body)).json();
        printer().outcome("lifecycle action " + id + " (" + undone.path("action").asText() + " of "
                + undone.path("identity").asText() + ") undone", undone);
    }

    @Command(name = "sweep", description = "Apply the lifecycle rules now (admins), as the scheduled sweep does.")
    void sweep() {
        JsonNode result = context().controlPlane()
                .post(PATH + "/sweep", Query.empty(), RequestBody.json(JsonNodeFactory.instance.objectNode())).json();
        printer().outcome(result.path("actions").size() + " action(s) taken, "
                + result.path("clientSecretsRevoked").size() + " client secret(s) revoked", result);
    }
}
