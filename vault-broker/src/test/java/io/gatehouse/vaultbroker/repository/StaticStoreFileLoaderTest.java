package io.gatehouse.vaultbroker.repository;

import io.gatehouse.vaultbroker.model.StoredCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaticStoreFileLoaderTest {

    private static final String VALUE = "s3cr3t-value";

    private final StaticStoreFileLoader loader = new StaticStoreFileLoader();

    @TempDir
    Path dir;

    @Test
    void readsSecretsWithTheirLeaseLength() throws IOException {
        Path file = write("""
                secrets:
                  demo:
                    value: "s3cr3t-value"
                  payments:
                    value: 'other'
                    ttl: 2m
                  billing:
                    value: third
                    ttl: PT30S
                """);

        Map<String, StoredCredential> credentials = loader.load(file);

        assertEquals(3, credentials.size());
        assertEquals(VALUE, credentials.get("demo").secret().reveal());
        assertEquals(Duration.ofMinutes(10), credentials.get("demo").leaseDuration());
        assertEquals(Duration.ofMinutes(2), credentials.get("payments").leaseDuration());
        assertEquals(Duration.ofSeconds(30), credentials.get("billing").leaseDuration());
    }

    @Test
    void rejectsMalformedYamlWithoutQuotingIt() throws IOException {
        Path file = write("""
                secrets:
                  demo:
                    value: "s3cr3t-value"
                     ttl: [10m
                """);

        assertRejected(file, "is not valid YAML (line");
    }

    @Test
    void rejectsAnEntryWithoutValue() throws IOException {
        assertRejected(write("secrets:\n  demo:\n    ttl: 10m\n"), "secrets.demo.value is missing");
    }

    @Test
    void rejectsAValueThatIsNotAString() throws IOException {
        // YAML would turn 0123 into a number and lose the leading zero
        assertRejected(write("secrets:\n  demo:\n    value: 0123\n"), "secrets.demo.value must be a string");
    }

    @Test
    void rejectsABadTtl() throws IOException {
        assertRejected(write("secrets:\n  demo:\n    value: \"s3cr3t-value\"\n    ttl: soon\n"),
                "secrets.demo.ttl 'soon' is not a positive duration");
        assertRejected(write("secrets:\n  demo:\n    value: \"s3cr3t-value\"\n    ttl: 0s\n"),
                "is not a positive duration");
    }

    @Test
    void rejectsUnknownKeys() throws IOException {
        assertRejected(write("secrets:\n  demo:\n    valu: \"s3cr3t-value\"\n"), "unknown key 'valu' in secrets.demo");
        assertRejected(write("secret:\n  demo:\n    value: \"s3cr3t-value\"\n"), "unknown key 'secret' at the top level");
    }

    @Test
    void rejectsDuplicateResources() throws IOException {
        assertRejected(write("secrets:\n  demo:\n    value: \"s3cr3t-value\"\n  demo:\n    value: x\n"),
                "duplicate key");
    }

    @Test
    void rejectsAFileWithoutSecretsMap() throws IOException {
        assertRejected(write(""), "is empty");
        assertRejected(write("secrets: s3cr3t-value\n"), "must have a 'secrets' map");
        assertRejected(write("- s3cr3t-value\n"), "must be a map");
    }

    @Test
    void rejectsAMissingFile() {
        assertRejected(dir.resolve("absent.yaml"), "does not exist");
    }

    private void assertRejected(Path file, String expectedProblem) {
        StaticStoreFileException rejected = assertThrows(StaticStoreFileException.class, () -> loader.load(file));
        assertTrue(rejected.getMessage().contains(file.toString()), rejected.getMessage());
        assertTrue(rejected.getMessage().contains(expectedProblem), rejected.getMessage());
        assertFalse(rejected.getMessage().contains(VALUE), rejected.getMessage());
        for (Throwable cause = rejected.getCause(); cause != null; cause = cause.getCause()) {
            assertFalse(String.valueOf(cause.getMessage()).contains(VALUE), "cause quotes the secret");
        }
    }

    private Path write(String content) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "secrets", ".yaml"), content);
    }
}
