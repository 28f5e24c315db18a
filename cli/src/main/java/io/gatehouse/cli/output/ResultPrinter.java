package io.gatehouse.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Prints results on stdout in the chosen {@link OutputFormat}: tables and field lists for people, the service's JSON
 * (pretty-printed) or the same as YAML for scripts. Messages about what was done go to stdout in table mode and to
 * stderr otherwise, so that stdout stays machine-readable.
 */
public final class ResultPrinter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private final OutputFormat format;
    private final PrintWriter out;
    private final PrintWriter err;

    public ResultPrinter(OutputFormat format, PrintWriter out, PrintWriter err) {
        this.format = format;
        this.out = out;
        this.err = err;
    }

    public OutputFormat format() {
        return format;
    }

    /** A list of objects: a table with these columns, or the list itself. */
    public void list(JsonNode elements, List<Column> columns) {
        document(elements, table -> TableRenderer.render(columns, elements, table));
    }

    /** One object: its fields one per line, or the object itself. */
    public void object(JsonNode object) {
        document(object, table -> DetailRenderer.render(object, table));
    }

    /** Any answer, with its own rendering for table mode. */
    public void document(JsonNode node, Consumer<PrintWriter> tableForm) {
        if (format == OutputFormat.table) {
            tableForm.accept(out);
            out.flush();
        } else {
            data(node);
        }
    }

    /** The outcome of a write: the message for people, the written object (if the service sent one) for scripts. */
    public void outcome(String message, JsonNode written) {
        if (format == OutputFormat.table) {
            out.println(message);
            out.flush();
        } else if (written != null && !written.isNull() && !written.isMissingNode()) {
            data(written);
        } else {
            note(message);
        }
    }

    /** A remark for the person at the terminal, on stderr: never mixed into a result. */
    public void note(String message) {
        err.println(message);
        err.flush();
    }

    /** The document itself, as JSON or YAML. */
    private void data(JsonNode node) {
        if (format == OutputFormat.yaml) {
            out.print(write(YAML, node));
        } else {
            out.println(write(JSON, node).stripTrailing());
        }
        out.flush();
    }

    private static String write(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
