package io.gatehouse.cli.commands;

import io.gatehouse.cli.http.Query;
import io.gatehouse.cli.output.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

import static io.gatehouse.cli.output.Column.field;

/** {@code gatehouse resources …}: the upstream APIs behind the gateway (never their credentials). */
@Command(name = "resources", description = "Upstream APIs: routing, credential injection, masking.")
public final class ResourcesCommand extends CommandGroup {

    static final String PATH = "/api/v1/resources";
    static final List<Column> COLUMNS = Column.of(field("NAME", "name"), field("PATH PREFIX", "pathPrefix"),
            field("UPSTREAM", "upstreamUrl"), field("INJECTION", "injection"), field("TIMEOUT MS", "timeoutMs"),
            field("POOLS", "dataPlanePools"));

    @Command(name = "list", description = "List resources.")
    void list() {
        resources().list(Query.empty());
    }

    @Command(name = "show", description = "Show one resource.")
    void show(@Parameters(paramLabel = "NAME") String name) {
        resources().show(name);
    }

    private PolicyCollection resources() {
        return new PolicyCollection(context().controlPlane(), printer(), PATH, "resource", "name", COLUMNS);
    }
}
