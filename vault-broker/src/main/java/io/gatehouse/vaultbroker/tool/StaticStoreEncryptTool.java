package io.gatehouse.vaultbroker.tool;

import io.gatehouse.vaultbroker.config.BrokerConfig;
import io.gatehouse.vaultbroker.repository.StaticStoreCipher;
import io.gatehouse.vaultbroker.repository.StaticStoreFileLoader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * Command line for the encrypted static store, run from the built broker:
 * <pre>
 * CP="vault-broker/target/quarkus-app/app/*:vault-broker/target/quarkus-app/lib/main/*"
 * java -cp "$CP" io.gatehouse.vaultbroker.tool.StaticStoreEncryptTool generate-key
 * GATEHOUSE_BROKER_STATIC_STORE_KEY=... java -cp "$CP" io.gatehouse.vaultbroker.tool.StaticStoreEncryptTool encrypt secrets.yaml secrets.enc
 * </pre>
 * {@code encrypt} checks the YAML first (same rules as the broker), writes the output with mode 600 and
 * never prints a secret.
 */
public final class StaticStoreEncryptTool {

    private StaticStoreEncryptTool() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(BrokerConfig.envVarOf(BrokerConfig.STATIC_STORE_KEY_KEY)), System.out,
                System.err));
    }

    /** @return the exit code */
    static int run(String[] args, String key, PrintStream out, PrintStream err) {
        if (args.length == 1 && args[0].equals("generate-key")) {
            out.println(StaticStoreCipher.generateKey());
            return 0;
        }
        if (args.length != 3 || !args[0].equals("encrypt")) {
            err.println("usage: generate-key | encrypt <plain.yaml> <encrypted-file>   (the key comes from "
                    + BrokerConfig.envVarOf(BrokerConfig.STATIC_STORE_KEY_KEY) + ")");
            return 2;
        }
        if (key == null || key.isBlank()) {
            err.println(BrokerConfig.envVarOf(BrokerConfig.STATIC_STORE_KEY_KEY) + " is not set");
            return 2;
        }
        try {
            encrypt(Path.of(args[1]), Path.of(args[2]), StaticStoreCipher.parseKey(key));
            out.println("wrote " + args[2]);
            return 0;
        } catch (RuntimeException | IOException e) {
            err.println("cannot encrypt: " + e.getMessage());
            return 1;
        }
    }

    private static void encrypt(Path plain, Path encrypted, byte[] key) throws IOException {
        try {
            new StaticStoreFileLoader().load(plain).values().forEach(credential -> credential.secret().clear());
            byte[] content = Files.readAllBytes(plain);
            byte[] sealed;
            try {
                sealed = StaticStoreCipher.encrypt(content, key);
            } finally {
                Arrays.fill(content, (byte) 0);
            }
            Path temporary = Files.createTempFile(encrypted.toAbsolutePath().getParent(), ".static-store", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            Files.write(temporary, sealed);
            Files.move(temporary, encrypted, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
