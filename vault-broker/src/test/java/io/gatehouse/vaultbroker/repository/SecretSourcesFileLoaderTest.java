package io.gatehouse.vaultbroker.repository;

import io.gatehouse.vaultbroker.model.KvSecretSource;
import io.gatehouse.vaultbroker.model.LeasedSecretSource;
import io.gatehouse.vaultbroker.model.SecretSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretSourcesFileLoaderTest {

    private final SecretSourcesFileLoader loader = new SecretSourcesFileLoader();

    @TempDir
    Path dir;

    @Test
    void readsEveryKindOfSource() throws IOException {
        Map<String, SecretSource> sources = loader.load(write("""
                sources:
                  demo:
                    ttl: 2m
                    vault:
                      kv: {mount: kv, path: /apps/demo/, key: token, version: 3}
                  basic:
                    vault:
                      kv: {path: apps/basic, keys: [user, password]}
                  db:
                    vault:
                      database: {role: readonly}
                  cloud:
                    ttl: 15m
                    vault:
                      lease: {path: aws/creds/deploy, keys: [access_key, secret_key]}
                """));

        assertEquals(new KvSecretSource("demo", "kv", "apps/demo", List.of("token"), 3, Duration.ofMinutes(2)),
                sources.get("demo"));
        assertEquals(new KvSecretSource("basic", "secret", "apps/basic", List.of("user", "password"), null,
                SecretSourcesFileLoader.DEFAULT_KV_TTL), sources.get("basic"));
        assertEquals(new LeasedSecretSource("db", "database/creds/readonly", List.of("username", "password"),
                SecretSourcesFileLoader.DEFAULT_LEASE_TTL), sources.get("db"));
        assertEquals(new LeasedSecretSource("cloud", "aws/creds/deploy", List.of("access_key", "secret_key"),
                Duration.ofMinutes(15)), sources.get("cloud"));
    }

    @Test
    void rejectsBrokenSourcesNamingThePlace() throws IOException {
        assertRejected("sources:\n  demo:\n    vault:\n      kv: {path: a}\n", "sources.demo.vault.kv needs 'key'");
        assertRejected("sources:\n  demo:\n    vault:\n      kv: {path: a, key: k, keys: [k]}\n", "has both");
        assertRejected("sources:\n  demo:\n    vault:\n      kv: {path: a, key: k, version: 0}\n",
                "sources.demo.vault.kv.version must be a positive whole number");
        assertRejected("sources:\n  demo:\n    vault:\n      database: {mount: database}\n",
                "sources.demo.vault.database.role is missing");
        assertRejected("sources:\n  demo:\n    vault: {}\n", "must have exactly one of kv, database, lease");
        assertRejected("sources:\n  demo:\n    vault:\n      kv2: {path: a}\n", "unknown key 'kv2' in sources.demo.vault");
        assertRejected("sources:\n  demo:\n    ttl: soon\n    vault:\n      kv: {path: a, key: k}\n",
                "sources.demo.ttl 'soon' is not a positive duration");
        assertRejected("source: {}\n", "unknown key 'source' at the top level");
    }

    private void assertRejected(String content, String problem) throws IOException {
        Path file = write(content);
        SecretSourcesFileException rejected = assertThrows(SecretSourcesFileException.class, () -> loader.load(file));
        assertTrue(rejected.getMessage().contains(file.toString()), rejected.getMessage());
        assertTrue(rejected.getMessage().contains(problem), rejected.getMessage());
    }

    private Path write(String content) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "sources", ".yaml"), content);
    }
}
