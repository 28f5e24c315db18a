package io.gatehouse.cli.commands;

import io.gatehouse.cli.http.Query;
import io.gatehouse.cli.output.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

import static io.gatehouse.cli.output.Column.field;

/** {@code gatehouse teams …}: the teams that own identities and approve their calls by default. */
@Command(name = "teams", description = "Teams owning identities: contact, owner groups, default approver group.")
public final class TeamsCommand extends CommandGroup {

    static final String PATH = "/api/v1/teams";
    static final List<Column> COLUMNS = Column.of(field("NAME", "name"), field("CONTACT", "contact"),
            field("OWNER GROUPS", "ownerGroups"), field("APPROVER GROUP", "approverGroup"));

    @Command(name = "list", description = "List teams.")
    void list() {
        teams().list(Query.empty());
    }

    @Command(name = "show", description = "Show one team.")
    void show(@Parameters(paramLabel = "NAME") String name) {
        teams().show(name);
    }

    private PolicyCollection teams() {
        return new PolicyCollection(context().controlPlane(), printer(), PATH, "team", "name", COLUMNS);
    }
}
