package io.gatehouse.vaultbroker.repository;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.runtime.configuration.DurationConverter;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Reads one of the broker's YAML files and checks its parts. Every problem becomes an exception made by
 * {@code problem}, whose message names the place, never a value: parser messages, which can quote the
 * offending line, are not passed on.
 */
final class YamlFile {

    private static final Logger LOG = Logger.getLogger(YamlFile.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Path file;
    private final Function<String, RuntimeException> problem;
    private final UnaryOperator<byte[]> decoder;

    YamlFile(Path file, Function<String, RuntimeException> problem) {
        this(file, problem, UnaryOperator.identity());
    }

    /** @param decoder turns the file's bytes into YAML (e.g. decrypts them); throws {@code problem(...)} itself */
    YamlFile(Path file, Function<String, RuntimeException> problem, UnaryOperator<byte[]> decoder) {
        this.file = file;
        this.problem = problem;
        this.decoder = decoder;
    }

    RuntimeException problem(String description) {
        return problem.apply(description);
    }

    /** The root map, after checking that only {@code topLevelKeys} are used. */
    JsonNode readRootMap(String requiredKey, Set<String> topLevelKeys) {
        JsonNode root = read();
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw problem("is empty; it must contain a '" + requiredKey + "' map");
        }
        if (!root.isObject()) {
            throw problem("must be a map with a '" + requiredKey + "' key");
        }
        rejectUnknownKeys(root, topLevelKeys, "at the top level");
        return root;
    }

    private JsonNode read() {
        if (!Files.isRegularFile(file)) {
            throw problem("does not exist or is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw problem("is not readable by this process");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw problem("could not be read (" + e.getClass().getSimpleName() + ")");
        }
        byte[] yaml = decoder.apply(content);
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw problem("is not valid YAML" + describe(e));
        } catch (IOException e) {
            throw problem("could not be read (" + e.getClass().getSimpleName() + ")");
        } finally {
            Arrays.fill(yaml, (byte) 0);
            Arrays.fill(content, (byte) 0);
        }
    }

    void warnIfReadableByOthers(String what) {
        try {
            if (FilePermissions.isReadableByGroupOrOthers(file)) {
                LOG.warnf("%s '%s' is readable by group or others; restrict it to the broker's user (chmod 600)",
                        what, file);
            }
        } catch (IOException e) {
            LOG.debugf("could not read the permissions of '%s'", file);
        }
    }

    private static String describe(JsonProcessingException e) {
        String duplicate = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                ? ": duplicate key" : "";
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 0) {
            return duplicate;
        }
        return duplicate + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    void rejectUnknownKeys(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw problem("has unknown key '" + name + "' " + where
                        + " (expected " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    /** A map at {@code place}, with only {@code known} keys. */
    JsonNode requireMap(JsonNode node, String place, Set<String> known) {
        if (node == null || !node.isObject()) {
            throw problem(place + " must be a map with " + String.join(", ", known.stream().sorted().toList()));
        }
        rejectUnknownKeys(node, known, "in " + place);
        return node;
    }

    /** A non-empty string at {@code place}, or {@code null} when absent. */
    String optionalText(JsonNode node, String place) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw problem(place + " must be a string (put it in quotes)");
        }
        if (node.textValue().isEmpty()) {
            throw problem(place + " is empty");
        }
        return node.textValue();
    }

    String requiredText(JsonNode node, String place) {
        String text = optionalText(node, place);
        if (text == null) {
            throw problem(place + " is missing");
        }
        return text;
    }

    /** A positive duration at {@code place} (10m, 1h, PT30S), or {@code fallback} when absent. */
    Duration duration(JsonNode node, String place, Duration fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        String text = node.isValueNode() ? node.asText().trim() : "";
        Duration duration;
        try {
            duration = DurationConverter.parseDuration(text);
        } catch (RuntimeException e) {
            duration = null;
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw problem(place + " '" + text + "' is not a positive duration (for example 10m, 1h, PT30S)");
        }
        return duration;
    }
}
