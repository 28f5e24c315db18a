package io.gatehouse.vaultbroker.repository;

import java.nio.file.Path;

/** The static store file cannot be used. The message names the file and the problem, never a secret value. */
public class StaticStoreFileException extends RuntimeException {

    public StaticStoreFileException(Path file, String problem) {
        super("static secret store file '" + file + "' " + problem);
    }
}
