package io.gatehouse.vaultbroker.tool;

import io.gatehouse.vaultbroker.repository.StaticStoreCipher;
import io.gatehouse.vaultbroker.repository.StaticStoreFileLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class StaticStoreEncryptToolTest {

    private static final String VALUE = "s3cr3t-tool-value";

    @TempDir
    Path dir;

    @Test
    void encryptsAFileTheBrokerCanRead() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, StaticStoreEncryptTool.run(new String[] {"generate-key"}, null, new PrintStream(out), new PrintStream(err)));
        String key = out.toString().trim();
        Path plain = Files.writeString(dir.resolve("secrets.yaml"), "secrets:\n  demo:\n    value: \"" + VALUE + "\"\n");
        Path encrypted = dir.resolve("secrets.enc");

        assertEquals(0, StaticStoreEncryptTool.run(new String[] {"encrypt", plain.toString(), encrypted.toString()}, key,
                new PrintStream(out), new PrintStream(err)), err.toString());

        assertFalse(Files.readString(encrypted).contains(VALUE));
        assertFalse(out.toString().contains(VALUE));
        assertEquals(VALUE, new StaticStoreFileLoader().load(encrypted, Optional.of(StaticStoreCipher.parseKey(key)))
                .get("demo").secret().reveal());
        assertEquals(2, StaticStoreEncryptTool.run(new String[] {"encrypt", plain.toString(), encrypted.toString()}, null,
                new PrintStream(out), new PrintStream(err)));
    }
}
