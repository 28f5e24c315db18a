package io.gatehouse.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.cli.failure.CliFailure;
import io.gatehouse.cli.failure.ExitCodes;
import io.gatehouse.cli.http.Query;
import io.gatehouse.cli.http.RequestBody;
import io.gatehouse.cli.output.Column;
import io.gatehouse.cli.output.TableRenderer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.gatehouse.cli.output.Column.field;

/** {@code gatehouse reviews …}: access-review campaigns over identities and their grants, with usage evidence. */
@Command(name = "reviews",
        description = {"Access-review campaigns: certify, narrow or retire identities with the evidence of what they used.",
                "Break-glass call reviews are 'gatehouse break-glass'."})
public final class ReviewsCommand extends CommandGroup {

    static final String PATH = "/api/v1/access-reviews";
    static final List<Column> CAMPAIGN_COLUMNS = Column.of(field("ID", "id"), field("NAME", "name"), field("SCOPE", "scope"),
            field("STATE", "state"), field("ITEMS", "itemCount"), field("UNDECIDED", "undecided"), field("DUE", "due"));
    static final List<Column> ITEM_COLUMNS = Column.of(field("ITEM", "id"), field("IDENTITY", "identity"),
            field("TEAM", "ownerTeam"), field("LAST USED", "lastUsedAt"), field("CALLS", "calls"), field("GHOST", "ghost"),
            field("DECISION", "decision"), field("APPLIED", "applied"));

    @Command(name = "start", description = "Start a campaign; each identity's evidence is captured at once.")
    void start(@Option(names = "--name", required = true, paramLabel = "NAME", description = "What the campaign is, e.g. \"2026-Q4 payments\"") String name,
               @Option(names = "--scope", defaultValue = "all", paramLabel = "SCOPE", description = "all, team:NAME, resource:NAME or kind:NAME (default: ${DEFAULT-VALUE})") String scope,
               @Option(names = "--reviewer", paramLabel = "USER", description = "A person who reviews every item (repeatable)") List<String> people,
               @Option(names = "--no-owning-team", description = "The owning teams' owners do not review their identities (name reviewers instead)") boolean noOwningTeam,
               @Option(names = "--since", paramLabel = "INSTANT", description = "Start of the usage window (default: 90 days ago)") String since,
               @Option(names = "--until", paramLabel = "INSTANT", description = "End of the usage window (default: now)") String until,
               @Option(names = "--due", paramLabel = "INSTANT", description = "Due date, e.g. 2026-12-15T00:00:00Z (default: in 14 days)") String due) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", name).put("scope", scope);
        ObjectNode reviewers = body.putObject("reviewers").put("owningTeam", !noOwningTeam);
        ArrayNode named = reviewers.putArray("people");
        if (people != null) {
            people.forEach(named::add);
        }
        putIfSet(body, "since", since);
        putIfSet(body, "until", until);
        putIfSet(body, "due", due);
        JsonNode campaign = context().controlPlane().post(PATH, Query.empty(), RequestBody.json(body)).json();
        printer().outcome("access review " + campaign.path("id").asText() + " started: " + campaign.path("itemCount").asInt()
                + " identities, due " + campaign.path("due").asText(), campaign);
    }

    @Command(name = "list", description = "List campaigns, newest first.")
    void list() {
        printer().list(context().controlPlane().get(PATH, Query.empty()).json(), CAMPAIGN_COLUMNS);
    }

    @Command(name = "status", description = "One campaign: its items with their evidence in brief and their decisions.")
    void status(@Parameters(paramLabel = "CAMPAIGN") String id) {
        JsonNode campaign = context().controlPlane().get(PATH + "/" + Query.segment(id), Query.empty()).json();
        printer().document(campaign, table -> {
            table.printf("%s  %s  (%s, %s; %d of %d undecided; due %s)%n", campaign.path("id").asText(),
                    campaign.path("name").asText(), campaign.path("scope").asText(), campaign.path("state").asText(),
                    campaign.path("undecided").asLong(), campaign.path("itemCount").asLong(), campaign.path("due").asText());
            TableRenderer.render(ITEM_COLUMNS, campaign.path("items"), table);
        });
    }

    /** The items a decision applies to: named, or every undecided one the caller may decide. */
    static final class Items {
        @Option(names = "--item", paramLabel = "ITEM", required = true, description = "An item id (repeatable)") List<String> ids;
        @Option(names = "--undecided", required = true, description = "Every undecided item you may decide") boolean undecided;
    }

    @Command(name = "decide", description = {"Decide items; each decision is applied to the policy at once.",
            "keep: no change; revoke: the identity is revoked; narrow: operations not used in the window are removed;",
            "shorten: the expiry moves to --expires."})
    void decide(@Parameters(paramLabel = "CAMPAIGN") String id,
                @ArgGroup(exclusive = true, multiplicity = "1") Items items,
                @Option(names = "--decision", required = true, paramLabel = "DECISION", description = "keep, revoke, narrow or shorten") String decision,
                @Option(names = "--comment", paramLabel = "TEXT", description = "Why (in the report)") String comment,
                @Option(names = "--expires", paramLabel = "INSTANT", description = "The new expiry (shorten only)") String expires) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("decision", decision);
        if (items.undecided) {
            body.put("undecided", true);
        } else {
            ArrayNode ids = body.putArray("items");
            items.ids.forEach(ids::add);
        }
        putIfSet(body, "comment", comment);
        putIfSet(body, "expires", expires);
        JsonNode decided = context().controlPlane().post(PATH + "/" + Query.segment(id) + "/decisions", Query.empty(),
                RequestBody.json(body)).json();
        printer().list(decided, ITEM_COLUMNS);
        long failed = 0;
        for (JsonNode item : decided) {
            if (item.path("applied").asText().startsWith("failed")) {
                failed++;
            }
        }
        if (failed > 0) {
            throw new CliFailure(ExitCodes.FAILED, failed + " decision(s) were recorded but could not be applied; see APPLIED");
        }
    }

    @Command(name = "close", description = "Close a campaign and sign its report; refused while items are undecided unless --force.")
    void close(@Parameters(paramLabel = "CAMPAIGN") String id,
               @Option(names = "--force", description = "Close with undecided items (reported as undecided)") boolean force) {
        JsonNode closed = context().controlPlane().post(PATH + "/" + Query.segment(id) + "/close",
                Query.empty().with("force", force ? "true" : null), RequestBody.json(JsonNodeFactory.instance.objectNode())).json();
        JsonNode summary = closed.path("report").path("summary");
        printer().outcome("access review " + id + " closed: " + summary.path("identitiesReviewed").asInt() + " reviewed, "
                + summary.path("revoked").asInt() + " revoked, " + summary.path("narrowed").asInt() + " narrowed, "
                + summary.path("permissionsRemoved").asLong() + " permissions removed, " + summary.path("ghostAccounts").asInt()
                + " ghost accounts", closed);
    }

    @Command(name = "report", description = "Download the signed report of a closed campaign.")
    void report(@Parameters(paramLabel = "CAMPAIGN") String id,
                @Option(names = "--format", defaultValue = "html", paramLabel = "FORMAT", description = "json, csv, html or jws (default: ${DEFAULT-VALUE})") ReportFormat format,
                @Option(names = {"-o", "--output-file"}, paramLabel = "FILE", description = "Write to this file instead of stdout") Path file) {
        FileOutput.write(file, context().out(), out -> context().controlPlane().download(PATH + "/" + Query.segment(id) + "/report",
                Query.empty().with("format", format.name()), format.mediaType, out));
    }

    @Command(name = "verify", description = "Check a signed report (the file of 'report --format jws'); exits with 1 when it does not verify.")
    int verify(@Parameters(paramLabel = "FILE") Path file) {
        String jws;
        try {
            jws = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException | UncheckedIOException e) {
            throw new CliFailure(ExitCodes.USAGE, "cannot read " + file + " (" + e.getMessage() + ")");
        }
        JsonNode verification = context().controlPlane().post(PATH + "/reports/verify", Query.empty(),
                new RequestBody(jws, "text/plain")).json();
        if (!verification.path("valid").asBoolean(false)) {
            throw new CliFailure(ExitCodes.FAILED, "error: the report does NOT verify: " + verification.path("problem").asText());
        }
        printer().outcome("the report of access review " + verification.path("campaignId").asText()
                + " verifies (signed with key " + verification.path("kid").asText() + ")", verification);
        return ExitCodes.OK;
    }

    private static void putIfSet(ObjectNode body, String name, String value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    /** Formats of {@code reviews report}. */
    enum ReportFormat {
        json("application/json"),
        csv("text/csv"),
        html("text/html"),
        jws("application/jose");

        final String mediaType;

        ReportFormat(String mediaType) {
            this.mediaType = mediaType;
        }
    }
}
