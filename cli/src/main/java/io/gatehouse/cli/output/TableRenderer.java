package io.gatehouse.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints JSON objects as a table: a header row, then one row per object, columns padded to align. */
public final class TableRenderer {

    private static final String GAP = "  ";

    private TableRenderer() {
    }

    public static void render(List<Column> columns, Iterable<JsonNode> rows, PrintWriter out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(columns.stream().map(Column::header).toArray(String[]::new));
        for (JsonNode row : rows) {
            lines.add(columns.stream().map(column -> Cells.oneLine(column.cell().apply(row))).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                text.append(line[i]);
                if (i < line.length - 1) {
                    text.append(" ".repeat(widths[i] - line[i].length())).append(GAP);
                }
            }
            out.println(text);
        }
    }
}
