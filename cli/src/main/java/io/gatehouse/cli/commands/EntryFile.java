package io.gatehouse.cli.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gatehouse.cli.failure.CliFailure;
import io.gatehouse.cli.failure.ExitCodes;
import io.gatehouse.cli.http.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file given with {@code -f}: one entry of the declarative config (an identity, a grant…) or a whole document,
 * in YAML or JSON; {@code -} reads stdin. Sent to the service as it is (the service validates it); read here only
 * where the CLI needs a field of it, such as the name of the identity to apply.
 */
final class EntryFile {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final String source;
    private final String content;

    private EntryFile(String source, String content) {
        this.source = source;
        this.content = content;
    }

    static EntryFile read(Path file) {
        return read(file, System.in);
    }

    static EntryFile read(Path file, InputStream stdin) {
        try {
            String content = "-".equals(file.toString())
                    ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(file, StandardCharsets.UTF_8);
            if (content.isBlank()) {
                throw new CliFailure(ExitCodes.USAGE, file + " is empty");
            }
            return new EntryFile(file.toString(), content);
        } catch (NoSuchFileException e) {
            throw new CliFailure(ExitCodes.USAGE, file + " does not exist");
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.USAGE, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The content as a request body: JSON when it looks like JSON, else YAML. */
    RequestBody body() {
        String start = content.stripLeading();
        boolean json = start.startsWith("{") || start.startsWith("[");
        return new RequestBody(content, json ? RequestBody.JSON : RequestBody.YAML);
    }

    /** A top-level text field the CLI needs (e.g. {@code name}); missing or unreadable is a usage error. */
    String requiredField(String field) {
        JsonNode tree;
        try {
            tree = YAML.readTree(content);
        } catch (JsonProcessingException e) {
            throw new CliFailure(ExitCodes.USAGE, source + " is neither YAML nor JSON: " + e.getOriginalMessage());
        }
        JsonNode value = tree == null ? null : tree.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new CliFailure(ExitCodes.USAGE, source + ": " + field + ": required");
        }
        return value.asText();
    }
}
