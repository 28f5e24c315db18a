package io.gatehouse.deploycheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Secrets an overlay references but leaves to the operator to create, read from the overlay's
 * {@code external-secrets.txt}: one line per Secret, {@code name: key key ...}; {@code #} starts a comment.
 */
public final class ExternalSecrets {

    public static final String FILE = "external-secrets.txt";

    private final Map<String, Set<String>> keysBySecret;

    private ExternalSecrets(Map<String, Set<String>> keysBySecret) {
        this.keysBySecret = keysBySecret;
    }

    public static ExternalSecrets none() {
        return new ExternalSecrets(Map.of());
    }

    /** The list in {@code overlayDir}, or none when the overlay has no such file. */
    public static ExternalSecrets of(Path overlayDir) {
        Path file = overlayDir.resolve(FILE);
        if (!Files.exists(file)) {
            return none();
        }
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static ExternalSecrets parse(String source, String text) {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String raw : text.split("\n", -1)) {
            lineNumber++;
            String line = raw.contains("#") ? raw.substring(0, raw.indexOf('#')) : raw;
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(source + " line " + lineNumber + ": expected 'secret-name: key ...'");
            }
            String name = line.substring(0, colon).strip();
            Set<String> secretKeys = new LinkedHashSet<>(Arrays.asList(line.substring(colon + 1).strip().split("\\s+")));
            secretKeys.remove("");
            if (secretKeys.isEmpty() || keys.put(name, secretKeys) != null) {
                throw new IllegalArgumentException(source + " line " + lineNumber + ": secret '" + name
                        + "' needs its keys and may be listed once");
            }
        }
        return new ExternalSecrets(keys);
    }

    public boolean declares(String secret) {
        return keysBySecret.containsKey(secret);
    }

    public boolean declares(String secret, String key) {
        return keysBySecret.getOrDefault(secret, Set.of()).contains(key);
    }

    public Set<String> names() {
        return keysBySecret.keySet();
    }
}
