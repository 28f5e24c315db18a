package io.gatehouse.vaultbroker.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.vaultbroker.model.Secret;
import io.gatehouse.vaultbroker.model.StoredCredential;
import io.gatehouse.vaultbroker.config.BrokerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the static store file:
 * <pre>
 * secrets:
 *   demo:                  # resource name
 *     value: "s3cr3t"      # a string
 *     ttl: 10m             # lease length, default 10m
 * </pre>
 * Every problem is reported with the file and the place in it, never with a secret value.
 */
@ApplicationScoped
public class StaticStoreFileLoader {

    static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    private static final Logger LOG = Logger.getLogger(StaticStoreFileLoader.class);
    private static final String SECRETS = "secrets";
    private static final String VALUE = "value";
    private static final String TTL = "ttl";
    private static final Set<String> ENTRY_KEYS = Set.of(VALUE, TTL);

    /**
     * @return the credentials by resource name
     * @throws StaticStoreFileException when the file is missing, unreadable or malformed
     */
    public Map<String, StoredCredential> load(Path file) {
        return load(file, Optional.empty());
    }

    /**
     * @param key the AES-256 key of an encrypted file (see {@link StaticStoreCipher}); without it the file must
     *            be plain YAML, with it the file must be encrypted
     */
    public Map<String, StoredCredential> load(Path file, Optional<byte[]> key) {
        YamlFile yaml = new YamlFile(file, problem -> new StaticStoreFileException(file, problem),
                content -> decode(file, content, key));
        JsonNode root = yaml.readRootMap(SECRETS, Set.of(SECRETS));
        yaml.warnIfReadableByOthers("static secret store file");
        JsonNode secrets = root.get(SECRETS);
        if (secrets == null || !secrets.isObject()) {
            throw yaml.problem("must have a '" + SECRETS + "' map of resource name to {value, ttl}");
        }
        Map<String, StoredCredential> credentials = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = secrets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            credentials.put(entry.getKey(), parseEntry(yaml, entry.getKey(), entry.getValue()));
        }
        if (credentials.isEmpty()) {
            LOG.warnf("static secret store file '%s' configures no secrets", file);
        }
        return Collections.unmodifiableMap(credentials);
    }

    private static byte[] decode(Path file, byte[] content, Optional<byte[]> key) {
        boolean encrypted = StaticStoreCipher.isEncrypted(content);
        if (key.isEmpty()) {
            if (encrypted) {
                throw new StaticStoreFileException(file, "is encrypted, but "
                        + BrokerConfig.describeKey(BrokerConfig.STATIC_STORE_KEY_KEY) + " is not set");
            }
            return content.clone();
        }
        if (!encrypted) {
            throw new StaticStoreFileException(file, "is not encrypted, but a key is set in "
                    + BrokerConfig.describeKey(BrokerConfig.STATIC_STORE_KEY_KEY) + "; encrypt it (see README.md)"
                    + " or unset the key");
        }
        try {
            return StaticStoreCipher.decrypt(content, key.get());
        } catch (StaticStoreCipher.CipherProblem e) {
            throw new StaticStoreFileException(file, e.getMessage());
        }
    }

    private static StoredCredential parseEntry(YamlFile yaml, String resource, JsonNode entry) {
        String place = SECRETS + "." + resource;
        if (resource.isBlank()) {
            throw yaml.problem("has a secret with a blank resource name");
        }
        yaml.requireMap(entry, place, ENTRY_KEYS);
        String value = yaml.requiredText(entry.get(VALUE), place + "." + VALUE);
        return new StoredCredential(Secret.of(value), yaml.duration(entry.get(TTL), place + "." + TTL, DEFAULT_TTL));
    }
}
