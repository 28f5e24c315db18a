package io.gatehouse.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Prints one JSON object for people: one {@code key: value} line per field, nested objects as dotted keys
 * ({@code owner.team}), lists of scalars joined with commas, lists of objects one line per element
 * ({@code history[0].event}). Keys are padded so that the values align.
 */
public final class DetailRenderer {

    private DetailRenderer() {
    }

    public static void render(JsonNode object, PrintWriter out) {
        List<String[]> lines = new ArrayList<>();
        flatten("", object, lines);
        int width = lines.stream().mapToInt(line -> line[0].length()).max().orElse(0);
        for (String[] line : lines) {
            out.println(line[0] + ":" + " ".repeat(width - line[0].length() + 1) + line[1]);
        }
    }

    private static void flatten(String prefix, JsonNode node, List<String[]> lines) {
        if (node.isObject() && !node.isEmpty()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), lines);
            }
        } else if (node.isArray() && containsObjects(node)) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), lines);
            }
        } else {
            lines.add(new String[] {prefix, Cells.text(node)});
        }
    }

    private static boolean containsObjects(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isContainerNode()) {
                return true;
            }
        }
        return false;
    }
}
