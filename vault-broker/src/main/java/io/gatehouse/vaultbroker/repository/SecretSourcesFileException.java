package io.gatehouse.vaultbroker.repository;

import java.nio.file.Path;

/** The secret sources file cannot be used. The message names the file and the problem. */
public class SecretSourcesFileException extends RuntimeException {

    public SecretSourcesFileException(Path file, String problem) {
        super("secret sources file '" + file + "' " + problem);
    }
}
