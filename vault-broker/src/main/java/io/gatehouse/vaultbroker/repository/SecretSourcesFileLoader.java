package io.gatehouse.vaultbroker.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.vaultbroker.model.KvSecretSource;
import io.gatehouse.vaultbroker.model.LeasedSecretSource;
import io.gatehouse.vaultbroker.model.SecretSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the secret sources file, which maps resources to where their credential lives in Vault:
 * <pre>
 * sources:
 *   demo:
 *     ttl: 5m                       # optional
 *     vault:
 *       kv: {mount: secret, path: apps/demo, key: token, version: 3}
 *   orders-db:
 *     vault:
 *       database: {mount: database, role: readonly}          # keys default to [username, password]
 *   cloud:
 *     vault:
 *       lease: {path: aws/creds/deploy, keys: [access_key, secret_key]}
 * </pre>
 * The file holds places only, no secret values.
 */
@ApplicationScoped
public class SecretSourcesFileLoader {

    static final Duration DEFAULT_KV_TTL = SecretSource.DEFAULT_KV_TTL;
    static final Duration DEFAULT_LEASE_TTL = SecretSource.DEFAULT_LEASE_TTL;

    private static final String SOURCES = "sources";
    private static final String VAULT = "vault";
    private static final String TTL = "ttl";
    private static final String KV = "kv";
    private static final String DATABASE = "database";
    private static final String LEASE = "lease";
    private static final String MOUNT = "mount";
    private static final String PATH = "path";
    private static final String KEY = "key";
    private static final String KEYS = "keys";
    private static final String VERSION = "version";
    private static final String ROLE = "role";

    /**
     * @return the sources by resource name
     * @throws SecretSourcesFileException when the file is missing, unreadable or malformed
     */
    public Map<String, SecretSource> load(Path file) {
        YamlFile yaml = new YamlFile(file, problem -> new SecretSourcesFileException(file, problem));
        JsonNode sources = yaml.readRootMap(SOURCES, Set.of(SOURCES)).get(SOURCES);
        if (sources == null || !sources.isObject()) {
            throw yaml.problem("must have a '" + SOURCES + "' map of resource name to {vault, ttl}");
        }
        Map<String, SecretSource> byResource = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            byResource.put(entry.getKey(), parseSource(yaml, entry.getKey(), entry.getValue()));
        }
        return Collections.unmodifiableMap(byResource);
    }

    private static SecretSource parseSource(YamlFile yaml, String resource, JsonNode entry) {
        String place = SOURCES + "." + resource;
        if (resource.isBlank()) {
            throw yaml.problem("has a source with a blank resource name");
        }
        yaml.requireMap(entry, place, Set.of(VAULT, TTL));
        JsonNode vault = yaml.requireMap(entry.get(VAULT), place + "." + VAULT, Set.of(KV, DATABASE, LEASE));
        if (vault.size() != 1) {
            throw yaml.problem(place + "." + VAULT + " must have exactly one of " + KV + ", " + DATABASE + ", " + LEASE);
        }
        String kind = vault.fieldNames().next();
        String kindPlace = place + "." + VAULT + "." + kind;
        JsonNode spec = vault.get(kind);
        JsonNode ttl = entry.get(TTL);
        return switch (kind) {
            case KV -> {
                yaml.requireMap(spec, kindPlace, Set.of(MOUNT, PATH, KEY, KEYS, VERSION));
                yield new KvSecretSource(resource, mount(yaml, spec, kindPlace, "secret"),
                        trimSlashes(yaml.requiredText(spec.get(PATH), kindPlace + "." + PATH)),
                        keys(yaml, spec, kindPlace, null), version(yaml, spec.get(VERSION), kindPlace + "." + VERSION),
                        yaml.duration(ttl, place + "." + TTL, DEFAULT_KV_TTL));
            }
            case DATABASE -> {
                yaml.requireMap(spec, kindPlace, Set.of(MOUNT, ROLE, KEY, KEYS));
                yield LeasedSecretSource.database(resource, mount(yaml, spec, kindPlace, "database"),
                        yaml.requiredText(spec.get(ROLE), kindPlace + "." + ROLE),
                        keys(yaml, spec, kindPlace, LeasedSecretSource.DATABASE_KEYS),
                        yaml.duration(ttl, place + "." + TTL, DEFAULT_LEASE_TTL));
            }
            default -> {
                yaml.requireMap(spec, kindPlace, Set.of(PATH, KEY, KEYS));
                yield new LeasedSecretSource(resource, trimSlashes(yaml.requiredText(spec.get(PATH), kindPlace + "." + PATH)),
                        keys(yaml, spec, kindPlace, null), yaml.duration(ttl, place + "." + TTL, DEFAULT_LEASE_TTL));
            }
        };
    }

    private static String mount(YamlFile yaml, JsonNode spec, String place, String fallback) {
        String mount = yaml.optionalText(spec.get(MOUNT), place + "." + MOUNT);
        return mount == null ? fallback : trimSlashes(mount);
    }

    private static List<String> keys(YamlFile yaml, JsonNode spec, String place, List<String> fallback) {
        String key = yaml.optionalText(spec.get(KEY), place + "." + KEY);
        JsonNode keys = spec.get(KEYS);
        if (key != null && keys != null) {
            throw yaml.problem(place + " has both '" + KEY + "' and '" + KEYS + "'; use one");
        }
        if (key != null) {
            return List.of(key);
        }
        if (keys == null) {
            if (fallback == null) {
                throw yaml.problem(place + " needs '" + KEY + "' (one key) or '" + KEYS + "' (a list)");
            }
            return fallback;
        }
        if (!keys.isArray() || keys.isEmpty()) {
            throw yaml.problem(place + "." + KEYS + " must be a non-empty list of key names");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            names.add(yaml.requiredText(keys.get(i), place + "." + KEYS + "[" + i + "]"));
        }
        return names;
    }

    private static Integer version(YamlFile yaml, JsonNode version, String place) {
        if (version == null || version.isNull()) {
            return null;
        }
        if (!version.canConvertToInt() || !version.isIntegralNumber() || version.intValue() < 1) {
            throw yaml.problem(place + " must be a positive whole number");
        }
        return version.intValue();
    }

    private static String trimSlashes(String path) {
        return path.replaceAll("^/+|/+$", "");
    }
}
