package io.gatehouse.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** One column of a table: its header and how its cell is taken from a JSON object. */
public record Column(String header, Function<JsonNode, String> cell) {

    /** The value at a dotted path ({@code owner.team}); arrays are joined with commas, missing values are {@code -}. */
    public static Column field(String header, String path) {
        return new Column(header, node -> text(node, path));
    }

    /** The value at a dotted path as a table cell shows it. */
    public static String text(JsonNode node, String path) {
        return Cells.text(at(node, path));
    }

    public static JsonNode at(JsonNode node, String path) {
        JsonNode current = node;
        for (String part : path.split("\\.")) {
            current = current == null ? null : current.get(part);
        }
        return current;
    }

    public static List<Column> of(Column... columns) {
        return new ArrayList<>(List.of(columns));
    }
}
