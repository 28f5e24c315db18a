package io.gatehouse.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gatehouse.cli.http.ApiResponse;
import io.gatehouse.cli.http.Query;
import io.gatehouse.cli.http.RequestBody;
import io.gatehouse.cli.output.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.gatehouse.cli.output.Column.field;

/** {@code gatehouse identities …}: the automations registered with the control plane. */
@Command(name = "identities", description = "Automations: owner, purpose, expiry, status and how they authenticate.")
public final class IdentitiesCommand extends CommandGroup {

    static final String PATH = "/api/v1/identities";
    static final List<Column> COLUMNS = Column.of(field("NAME", "name"), field("KIND", "kind"),
            field("TEAM", "owner.team"), field("STATUS", "status"), field("EXPIRES", "expiresAt"),
            field("LAST USED", "lastUsedAt"));

    @Command(name = "list", description = "List identities, optionally by team, status or kind.")
    void list(@Option(names = "--team", paramLabel = "TEAM", description = "Owning team") String team,
              @Option(names = "--status", paramLabel = "STATUS", description = "active, suspended, revoked or expired") String status,
              @Option(names = "--kind", paramLabel = "KIND", description = "ci-job, service, cron, agent or other") String kind) {
        identities().list(Query.empty().with("team", team).with("status", status).with("kind", kind));
    }

    @Command(name = "show", description = "Show one identity.")
    void show(@Parameters(paramLabel = "NAME") String name) {
        identities().show(name);
    }

    @Command(name = "create", description = "Create an identity from a file (an entry of 'identities:', YAML or JSON); fails if it exists.")
    void create(@Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true, description = "YAML or JSON file, - for stdin") Path file) {
        identities().create(EntryFile.read(file));
    }

    @Command(name = "apply", description = "Create the identity in the file, or replace it if it exists (guarded by its ETag).")
    void apply(@Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true, description = "YAML or JSON file, - for stdin") Path file) {
        EntryFile entry = EntryFile.read(file);
        String name = entry.requiredField("name");
        PolicyCollection identities = identities();
        String path = identities.objectPath(name);
        Optional<String> etag = context().controlPlane().find(path)
                .map(current -> current.header("ETag").orElseThrow(() ->
                        new IllegalStateException("the control plane sent identity " + name + " without an ETag")));
        Map<String, String> precondition = etag.map(tag -> Map.of("If-Match", tag)).orElse(Map.of("If-None-Match", "*"));
        ApiResponse written = context().controlPlane().put(path, entry.body(), precondition);
        printer().outcome("identity " + name + (written.status() == 201 ? " created" : " replaced"), written.json());
    }

    @Command(name = "suspend", description = "Suspend an identity: its calls are refused until it is activated.")
    void suspend(@Parameters(paramLabel = "NAME") String name, @Option(names = "--reason", paramLabel = "TEXT", description = "Recorded in the audit trail") String reason) {
        changeStatus(name, "suspend", "suspended", reason);
    }

    @Command(name = "revoke", description = "Revoke an identity for good (only an admin can activate it again).")
    void revoke(@Parameters(paramLabel = "NAME") String name, @Option(names = "--reason", paramLabel = "TEXT", description = "Recorded in the audit trail") String reason) {
        changeStatus(name, "revoke", "revoked", reason);
    }

    @Command(name = "activate", description = "Activate a suspended (or, as admin, a revoked) identity.")
    void activate(@Parameters(paramLabel = "NAME") String name, @Option(names = "--reason", paramLabel = "TEXT", description = "Recorded in the audit trail") String reason) {
        changeStatus(name, "activate", "activated", reason);
    }

    @Command(name = "delete", description = "Delete an identity that has no grants (revoke it instead to keep it visible).")
    void delete(@Parameters(paramLabel = "NAME") String name) {
        identities().delete(name);
    }

    private void changeStatus(String name, String action, String done, String reason) {
        JsonNode body = reason == null ? JsonNodeFactory.instance.objectNode()
                : JsonNodeFactory.instance.objectNode().put("reason", reason);
        JsonNode changed = context().controlPlane()
                .post(identities().objectPath(name) + "/" + action, Query.empty(), RequestBody.json(body)).json();
        printer().outcome("identity " + name + " " + done, changed);
    }

    private PolicyCollection identities() {
        return new PolicyCollection(context().controlPlane(), printer(), PATH, "identity", "name", COLUMNS);
    }
}
