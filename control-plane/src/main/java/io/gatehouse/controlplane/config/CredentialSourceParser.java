package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.CredentialSource;
import io.gatehouse.controlplane.domain.CredentialSource.Kind;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads where a resource's credential lives, the {@code source} of its {@code credential} mapping:
 * <pre>
 * source: {static: {}}                                              # the default
 * source: {vault: {kv: {mount: secret, path: apps/demo, key: token, version: 3}}}
 * source: {vault: {database: {mount: database, role: readonly}}}   # keys default to username, password
 * source: {vault: {lease: {path: aws/creds/deploy, keys: [access_key, secret_key]}}}
 * </pre>
 * Shapes and names are checked here; whether Vault lets the broker read the place is checked by the
 * broker when the snapshot reaches it (it refuses the snapshot, naming the resource and path).
 */
final class CredentialSourceParser {

    static final String SOURCE = "source";
    private static final String STATIC = "static";
    private static final String VAULT = "vault";
    private static final String KV = "kv";
    private static final String DATABASE = "database";
    private static final String LEASE = "lease";
    private static final Set<String> SOURCE_KEYS = Set.of(STATIC, VAULT);
    private static final Set<String> VAULT_KEYS = Set.of(KV, DATABASE, LEASE);
    private static final Set<String> KV_KEYS = Set.of("mount", "path", "key", "keys", "version");
    private static final Set<String> DATABASE_KEYS = Set.of("mount", "role", "key", "keys");
    private static final Set<String> LEASE_KEYS = Set.of("path", "key", "keys");
    private static final Pattern MOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");
    private static final Pattern VAULT_PATH = MOUNT;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]+");

    private final ConfigProblems problems;

    CredentialSourceParser(ConfigProblems problems) {
        this.problems = problems;
    }

    /** @param ttl the {@code ttl} of the credential mapping, already read, or {@code null} */
    Optional<CredentialSource> parse(MappingReader credential, Duration ttl) {
        if (!credential.has(SOURCE)) {
            return Optional.of(CredentialSource.staticStore(ttl));
        }
        Optional<MappingReader> source = credential.requiredMapping(SOURCE, SOURCE_KEYS);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        if (!exactlyOne(source.get(), SOURCE_KEYS)) {
            return Optional.empty();
        }
        if (source.get().has(STATIC)) {
            return source.get().requiredMapping(STATIC, Set.of()).map(ignored -> CredentialSource.staticStore(ttl));
        }
        Optional<MappingReader> vault = source.get().requiredMapping(VAULT, VAULT_KEYS);
        if (vault.isEmpty() || !exactlyOne(vault.get(), VAULT_KEYS)) {
            return Optional.empty();
        }
        if (vault.get().has(KV)) {
            return vault.get().requiredMapping(KV, KV_KEYS).flatMap(kv -> kv(kv, ttl));
        }
        if (vault.get().has(DATABASE)) {
            return vault.get().requiredMapping(DATABASE, DATABASE_KEYS).flatMap(database -> database(database, ttl));
        }
        return vault.get().requiredMapping(LEASE, LEASE_KEYS).flatMap(lease -> lease(lease, ttl));
    }

    private Optional<CredentialSource> kv(MappingReader kv, Duration ttl) {
        Optional<String> mount = name(kv, "mount", MOUNT, "secret");
        Optional<String> path = kv.requiredText("path").flatMap(text -> matching(kv, "path", text, VAULT_PATH));
        Optional<List<String>> keys = keys(kv, null);
        Optional<Integer> version = kv.has("version") ? kv.optionalInt("version").flatMap(number -> {
            if (number < 1) {
                kv.problem("version", "must be 1 or more (leave it out for the latest version)");
                return Optional.empty();
            }
            return Optional.of(number);
        }) : Optional.of(0);
        if (mount.isEmpty() || path.isEmpty() || keys.isEmpty() || version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CredentialSource(Kind.VAULT_KV, mount.get(), path.get(), keys.get(),
                version.get() == 0 ? null : version.get(), ttl));
    }

    private Optional<CredentialSource> database(MappingReader database, Duration ttl) {
        Optional<String> mount = name(database, "mount", MOUNT, "database");
        Optional<String> role = database.requiredText("role").flatMap(text -> matching(database, "role", text, KEY));
        Optional<List<String>> keys = keys(database, CredentialSource.DATABASE_KEYS);
        if (mount.isEmpty() || role.isEmpty() || keys.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CredentialSource(Kind.VAULT_DATABASE, mount.get(), role.get(), keys.get(), null, ttl));
    }

    private Optional<CredentialSource> lease(MappingReader lease, Duration ttl) {
        Optional<String> path = lease.requiredText("path").flatMap(text -> matching(lease, "path", text, VAULT_PATH));
        Optional<List<String>> keys = keys(lease, null);
        if (path.isEmpty() || keys.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CredentialSource(Kind.VAULT_LEASE, null, path.get(), keys.get(), null, ttl));
    }

    /** {@code key} (one) or {@code keys} (a list); {@code fallback} when neither and a fallback exists. */
    private Optional<List<String>> keys(MappingReader reader, List<String> fallback) {
        boolean one = reader.has("key");
        boolean many = reader.has("keys");
        if (one && many) {
            reader.problem("keys", "use either 'key' (one key) or 'keys' (a list), not both");
            return Optional.empty();
        }
        if (one) {
            return reader.requiredText("key").flatMap(key -> matching(reader, "key", key, KEY)).map(List::of);
        }
        if (!many) {
            if (fallback == null) {
                reader.problem("key", "required: name the key of the secret ('key') or its keys ('keys')");
                return Optional.empty();
            }
            return Optional.of(fallback);
        }
        return reader.textList("keys", true, true).flatMap(keys -> {
            List<String> invalid = keys.stream().filter(key -> !KEY.matcher(key).matches()).toList();
            if (!invalid.isEmpty()) {
                reader.problem("keys", "invalid key name(s) " + invalid + " (letters, digits, '.', '_', '-')");
                return Optional.empty();
            }
            return Optional.of(keys);
        });
    }

    private Optional<String> name(MappingReader reader, String key, Pattern pattern, String fallback) {
        if (!reader.has(key)) {
            return Optional.of(fallback);
        }
        return reader.requiredText(key).flatMap(text -> matching(reader, key, text, pattern));
    }

    private static Optional<String> matching(MappingReader reader, String key, String text, Pattern pattern) {
        if (!pattern.matcher(text).matches()) {
            reader.problem(key, "invalid value '" + text + "': plain segments separated by '/', without leading or"
                    + " trailing '/' and without '..'");
            return Optional.empty();
        }
        if (List.of(text.split("/")).contains("..")) {
            reader.problem(key, "must not contain '..' segments, was '" + text + "'");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private boolean exactlyOne(MappingReader reader, Set<String> keys) {
        long present = keys.stream().filter(reader::has).count();
        if (present != 1) {
            problems.add(reader.path(), "needs exactly one of " + String.join(", ", keys.stream().sorted().toList()));
            return false;
        }
        return true;
    }
}
