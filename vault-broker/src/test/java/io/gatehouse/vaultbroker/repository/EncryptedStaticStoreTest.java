package io.gatehouse.vaultbroker.repository;

import io.gatehouse.vaultbroker.model.StoredCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncryptedStaticStoreTest {

    private static final String VALUE = "s3cr3t-encrypted-value";
    private static final String YAML = "secrets:\n  demo:\n    value: \"" + VALUE + "\"\n    ttl: 2m\n";

    private final StaticStoreFileLoader loader = new StaticStoreFileLoader();

    @TempDir
    Path dir;

    @Test
    void readsAnEncryptedFileWithItsKey() throws IOException {
        byte[] key = StaticStoreCipher.parseKey(StaticStoreCipher.generateKey());
        Path file = Files.write(dir.resolve("secrets.enc"), StaticStoreCipher.encrypt(YAML.getBytes(StandardCharsets.UTF_8), key.clone()));

        assertFalse(Files.readString(file).contains(VALUE));
        assertTrue(Files.readString(file).startsWith(StaticStoreCipher.HEADER));
        Map<String, StoredCredential> credentials = loader.load(file, Optional.of(key));
        assertEquals(VALUE, credentials.get("demo").secret().reveal());
    }

    @Test
    void refusesAWrongKeyATamperedFileAndMixedModes() throws IOException {
        byte[] key = StaticStoreCipher.parseKey(StaticStoreCipher.generateKey());
        byte[] other = StaticStoreCipher.parseKey(StaticStoreCipher.generateKey());
        Path encrypted = Files.write(dir.resolve("secrets.enc"), StaticStoreCipher.encrypt(YAML.getBytes(StandardCharsets.UTF_8), key));
        Path plain = Files.writeString(dir.resolve("secrets.yaml"), YAML);

        assertRejected(encrypted, Optional.of(other), "wrong key, or the file was modified");
        assertRejected(encrypted, Optional.empty(), "is encrypted, but gatehouse.broker.static-store.key");
        assertRejected(plain, Optional.of(key), "is not encrypted, but a key is set");

        String content = Files.readString(encrypted);
        char flipped = content.charAt(content.length() - 5) == 'A' ? 'B' : 'A';
        Path tampered = Files.writeString(dir.resolve("tampered.enc"),
                content.substring(0, content.length() - 5) + flipped + content.substring(content.length() - 4));
        assertRejected(tampered, Optional.of(key), "cannot be decrypted");
    }

    @Test
    void refusesAKeyOfTheWrongLength() {
        assertThrows(StaticStoreCipher.CipherProblem.class, () -> StaticStoreCipher.parseKey("c2hvcnQ="));
        assertThrows(StaticStoreCipher.CipherProblem.class, () -> StaticStoreCipher.parseKey("not base64!"));
    }

    @Test
    void plainYamlStillWorksWithoutAKey() throws IOException {
        Path plain = Files.writeString(dir.resolve("secrets.yaml"), YAML);
        assertEquals(VALUE, loader.load(plain, Optional.empty()).get("demo").secret().reveal());
    }

    private void assertRejected(Path file, Optional<byte[]> key, String problem) {
        StaticStoreFileException rejected = assertThrows(StaticStoreFileException.class,
                () -> loader.load(file, key.map(byte[]::clone)));
        assertTrue(rejected.getMessage().contains(problem), rejected.getMessage());
        assertTrue(rejected.getMessage().contains(file.toString()), rejected.getMessage());
        assertFalse(rejected.getMessage().contains(VALUE));
    }
}
