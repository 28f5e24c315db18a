package io.gatehouse.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static io.gatehouse.cli.output.Column.field;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ResultPrinterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Column> COLUMNS = Column.of(field("NAME", "name"), field("TEAM", "owner.team"),
            field("METHODS", "methods"), field("LAST USED", "lastUsedAt"));

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void tableAlignsColumnsJoinsListsAndShowsMissingValuesAsDash() throws Exception {
        JsonNode rows = JSON.readTree("""
                [{"name": "deploy-bot", "owner": {"team": "platform"}, "methods": ["GET", "POST"], "lastUsedAt": null},
                 {"name": "x", "owner": {"team": "payments-long-team"}, "methods": [], "lastUsedAt": "2026-01-02T03:04:05Z"}]
                """);
        printer(OutputFormat.table).list(rows, COLUMNS);
        assertEquals("""
                NAME        TEAM                METHODS   LAST USED
                deploy-bot  platform            GET,POST  -
                x           payments-long-team  -         2026-01-02T03:04:05Z
                """, out.toString());
    }

    @Test
    void tableCellsStayOnOneLine() throws Exception {
        printer(OutputFormat.table).list(JSON.readTree("[{\"name\": \"two\\nlines\"}]"), Column.of(field("NAME", "name")));
        assertEquals("NAME\ntwo lines\n", out.toString());
    }

    @Test
    void jsonIsTheServersDocumentPrettyPrinted() throws Exception {
        JsonNode rows = JSON.readTree("[{\"name\":\"deploy-bot\",\"owner\":{\"team\":\"platform\"}}]");
        printer(OutputFormat.json).list(rows, COLUMNS);
        assertEquals(rows, JSON.readTree(out.toString()));
        assertEquals(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows) + "\n", out.toString());
    }

    @Test
    void yamlCarriesTheSameContent() throws Exception {
        JsonNode object = JSON.readTree("{\"name\":\"deploy-bot\",\"methods\":[\"GET\"],\"owner\":{\"team\":\"platform\"}}");
        printer(OutputFormat.yaml).object(object);
        assertEquals("""
                name: deploy-bot
                methods:
                - GET
                owner:
                  team: platform
                """, out.toString());
    }

    @Test
    void oneObjectInTableModeIsAlignedFieldLinesWithDottedAndIndexedKeys() throws Exception {
        JsonNode object = JSON.readTree("""
                {"id": "a1", "owner": {"team": "platform"}, "approvedBy": ["alice", "bob"],
                 "history": [{"event": "REQUESTED"}, {"event": "APPROVED"}], "reason": null}
                """);
        printer(OutputFormat.table).object(object);
        assertEquals("""
                id:               a1
                owner.team:       platform
                approvedBy:       alice,bob
                history[0].event: REQUESTED
                history[1].event: APPROVED
                reason:           -
                """, out.toString());
    }

    @Test
    void outcomeIsAMessageForPeopleAndTheObjectForScripts() throws Exception {
        JsonNode written = JSON.readTree("{\"name\":\"deploy-bot\"}");
        printer(OutputFormat.table).outcome("identity deploy-bot created", written);
        assertEquals("identity deploy-bot created\n", out.toString());

        StringWriter jsonOut = new StringWriter();
        StringWriter jsonErr = new StringWriter();
        ResultPrinter json = new ResultPrinter(OutputFormat.json, new PrintWriter(jsonOut), new PrintWriter(jsonErr));
        json.outcome("identity deploy-bot created", written);
        assertEquals(written, JSON.readTree(jsonOut.toString()));
        json.outcome("grant g1 deleted", null);
        assertEquals("grant g1 deleted\n", jsonErr.toString(), "without a body the message goes to stderr, stdout stays JSON");
    }

    private ResultPrinter printer(OutputFormat format) {
        return new ResultPrinter(format, new PrintWriter(out), new PrintWriter(err));
    }
}
