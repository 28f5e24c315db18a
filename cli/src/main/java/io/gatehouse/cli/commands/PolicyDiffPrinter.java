package io.gatehouse.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.cli.output.ResultPrinter;

import java.io.PrintWriter;

/**
 * Prints the control plane's policy diff ({@code {"changes": [{action, kind, key, summary}]}}): for people one line
 * per change, {@code + identity x (…)}, {@code ~ grant abc (…)}, {@code - resource y (…)}; for scripts the diff itself.
 */
final class PolicyDiffPrinter {

    private PolicyDiffPrinter() {
    }

    static int changeCount(JsonNode diff) {
        return diff.path("changes").size();
    }

    static void print(JsonNode diff, ResultPrinter printer) {
        printer.document(diff, table -> printLines(diff, table));
    }

    static void printLines(JsonNode diff, PrintWriter out) {
        if (changeCount(diff) == 0) {
            out.println("no changes");
            return;
        }
        for (JsonNode change : diff.path("changes")) {
            String summary = change.path("summary").asText("");
            out.println(symbol(change.path("action").asText()) + " " + change.path("kind").asText() + " "
                    + change.path("key").asText() + (summary.isBlank() ? "" : " (" + summary + ")"));
        }
    }

    private static String symbol(String action) {
        return switch (action) {
            case "ADDED" -> "+";
            case "REMOVED" -> "-";
            case "CHANGED" -> "~";
            default -> "?";
        };
    }
}
