package io.gatehouse.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gatehouse.cli.http.Query;
import io.gatehouse.cli.http.RequestBody;
import io.gatehouse.cli.output.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

import static io.gatehouse.cli.output.Column.field;

/** {@code gatehouse signing-keys …}: the control plane's signing keys and their rotation. */
@Command(name = "signing-keys", description = "Keys signing gateway tokens, snapshots and audit checkpoints: list, rotate.")
public final class SigningKeysCommand extends CommandGroup {

    static final String PATH = "/api/v1/signing-keys";
    static final List<Column> COLUMNS = Column.of(field("KID", "kid"), field("STATE", "state"),
            field("CREATED", "createdAt"), field("ACTIVATED", "activatedAt"), field("RETIRED", "retiredAt"),
            field("SIGNS FROM", "signsFrom"), field("PUBLISHED UNTIL", "publishedUntil"));

    @Command(name = "list", description = "List every signing key, newest first, with its state (next, current, retired, archived).")
    void list() {
        printer().list(context().controlPlane().get(PATH, Query.empty()).json(), COLUMNS);
    }

    @Command(name = "rotate", description = "Start a rotation: a new key is published now and signs after the publish-ahead time.")
    void rotate(@Option(names = "--immediate", description = "The new key signs at once and the current one is retired"
            + " (a leaked key); tokens it signed stay valid until they expire") boolean immediate) {
        JsonNode created = context().controlPlane()
                .post(PATH + "/rotate", Query.empty().with("immediate", immediate ? "true" : null), RequestBody.json(
                        JsonNodeFactory.instance.objectNode())).json();
        String message = immediate
                ? "signing key " + created.path("kid").asText() + " signs from now on"
                : "signing key " + created.path("kid").asText() + " is published and signs from " + created.path("signsFrom").asText();
        printer().outcome(message, created);
    }
}
