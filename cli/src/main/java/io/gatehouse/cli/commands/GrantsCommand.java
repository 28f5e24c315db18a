package io.gatehouse.cli.commands;

import io.gatehouse.cli.http.Query;
import io.gatehouse.cli.output.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

import static io.gatehouse.cli.output.Column.field;

/** {@code gatehouse grants …}: which identity may call which operations of which resource. */
@Command(name = "grants", description = "Identity x resource x operations, with expiry and approval requirements.")
public final class GrantsCommand extends CommandGroup {

    static final String PATH = "/api/v1/grants";
    static final List<Column> COLUMNS = Column.of(field("ID", "id"), field("IDENTITY", "identity"),
            field("RESOURCE", "resource"), field("METHODS", "methods"), field("PATHS", "paths"),
            field("EXPIRES", "expiresAt"), field("APPROVER GROUP", "approval.approverGroup"));

    @Command(name = "list", description = "List grants, optionally of one identity and/or resource.")
    void list(@Option(names = "--identity", paramLabel = "NAME") String identity,
              @Option(names = "--resource", paramLabel = "NAME") String resource) {
        grants().list(Query.empty().with("identity", identity).with("resource", resource));
    }

    @Command(name = "show", description = "Show one grant.")
    void show(@Parameters(paramLabel = "ID") String id) {
        grants().show(id);
    }

    @Command(name = "create", description = "Create a grant from a file (an entry of 'grants:', YAML or JSON).")
    void create(@Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true, description = "YAML or JSON file, - for stdin") Path file) {
        grants().create(EntryFile.read(file));
    }

    @Command(name = "delete", description = "Delete a grant by id.")
    void delete(@Parameters(paramLabel = "ID") String id) {
        grants().delete(id);
    }

    private PolicyCollection grants() {
        return new PolicyCollection(context().controlPlane(), printer(), PATH, "grant", "id", COLUMNS);
    }
}
