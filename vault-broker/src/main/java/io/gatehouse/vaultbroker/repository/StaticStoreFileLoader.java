package io.gatehouse.vaultbroker.repository;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatehouse.vaultbroker.model.Secret;
import io.gatehouse.vaultbroker.model.StoredCredential;
import io.quarkus.runtime.configuration.DurationConverter;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the static store file:
 * <pre>
 * secrets:
 *   demo:                  # resource name
 *     value: "s3cr3t"      # a string
 *     ttl: 10m             # lease length, default 10m
 * </pre>
 * Every problem is reported with the file and the place in it, never with a secret value: parser
 * messages, which can quote the offending line, are not passed on.
 */
@ApplicationScoped
public class StaticStoreFileLoader {

    static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    private static final Logger LOG = Logger.getLogger(StaticStoreFileLoader.class);
    private static final String SECRETS = "secrets";
    private static final String VALUE = "value";
    private static final String TTL = "ttl";
    private static final Set<String> ENTRY_KEYS = Set.of(VALUE, TTL);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * @return the credentials by resource name
     * @throws StaticStoreFileException when the file is missing, unreadable or malformed
     */
    public Map<String, StoredCredential> load(Path file) {
        JsonNode root = readYaml(file);
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new StaticStoreFileException(file, "is empty; it must contain a '" + SECRETS + "' map");
        }
        if (!root.isObject()) {
            throw new StaticStoreFileException(file, "must be a map with a '" + SECRETS + "' key");
        }
        rejectUnknownKeys(file, root, Set.of(SECRETS), "at the top level");
        JsonNode secrets = root.get(SECRETS);
        if (secrets == null || !secrets.isObject()) {
            throw new StaticStoreFileException(file,
                    "must have a '" + SECRETS + "' map of resource name to {value, ttl}");
        }
        Map<String, StoredCredential> credentials = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = secrets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            credentials.put(entry.getKey(), parseEntry(file, entry.getKey(), entry.getValue()));
        }
        if (credentials.isEmpty()) {
            LOG.warnf("static secret store file '%s' configures no secrets", file);
        }
        return Collections.unmodifiableMap(credentials);
    }

    private static JsonNode readYaml(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StaticStoreFileException(file, "does not exist or is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new StaticStoreFileException(file, "is not readable by this process");
        }
        try (InputStream in = Files.newInputStream(file)) {
            warnIfReadableByOthers(file);
            return YAML.readTree(in);
        } catch (JsonProcessingException e) {
            throw new StaticStoreFileException(file, "is not valid YAML" + describe(e));
        } catch (IOException e) {
            throw new StaticStoreFileException(file, "could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        if (FilePermissions.isReadableByGroupOrOthers(file)) {
            LOG.warnf("static secret store file '%s' is readable by group or others; restrict it to the broker's"
                    + " user (chmod 600)", file);
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

    private static StoredCredential parseEntry(Path file, String resource, JsonNode entry) {
        String place = SECRETS + "." + resource;
        if (resource.isBlank()) {
            throw new StaticStoreFileException(file, "has a secret with a blank resource name");
        }
        if (entry == null || !entry.isObject()) {
            throw new StaticStoreFileException(file, place + " must be a map with '" + VALUE + "' and optionally '"
                    + TTL + "'");
        }
        rejectUnknownKeys(file, entry, ENTRY_KEYS, "in " + place);
        JsonNode value = entry.get(VALUE);
        if (value == null || value.isNull()) {
            throw new StaticStoreFileException(file, place + "." + VALUE + " is missing");
        }
        if (!value.isTextual()) {
            throw new StaticStoreFileException(file, place + "." + VALUE + " must be a string (put it in quotes)");
        }
        if (value.textValue().isEmpty()) {
            throw new StaticStoreFileException(file, place + "." + VALUE + " is empty");
        }
        return new StoredCredential(Secret.of(value.textValue()), parseTtl(file, place, entry.get(TTL)));
    }

    private static Duration parseTtl(Path file, String place, JsonNode ttl) {
        if (ttl == null || ttl.isNull()) {
            return DEFAULT_TTL;
        }
        String text = ttl.isValueNode() ? ttl.asText().trim() : "";
        Duration duration;
        try {
            duration = DurationConverter.parseDuration(text);
        } catch (RuntimeException e) {
            duration = null;
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new StaticStoreFileException(file, place + "." + TTL + " '" + text
                    + "' is not a positive duration (for example 10m, 1h, PT30S)");
        }
        return duration;
    }

    private static void rejectUnknownKeys(Path file, JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new StaticStoreFileException(file, "has unknown key '" + name + "' " + where
                        + " (expected " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }
}
