package io.gatehouse.dataplane.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the current node token in the state directory (owner-only, written atomically), so a data plane
 * restarted while the control plane is away can still present it to the vault broker until it expires.
 */
final class NodeTokenFile {

    private final Path file;

    NodeTokenFile(Path stateDir) {
        this.file = stateDir.resolve("node-token");
    }

    Path path() {
        return file;
    }

    /** The stored token and its expiry, when there is one that has not expired. */
    Optional<StoredToken> read(Instant now) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        if (lines.size() != 2) {
            return Optional.empty();
        }
        Instant expiresAt = Instant.parse(lines.get(0).trim());
        return now.isBefore(expiresAt) ? Optional.of(new StoredToken(lines.get(1).trim(), expiresAt)) : Optional.empty();
    }

    void write(String token, Instant expiresAt) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temp, expiresAt + "\n" + token + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    record StoredToken(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "StoredToken[token=<redacted>, expiresAt=" + expiresAt + "]";
        }
    }
}
