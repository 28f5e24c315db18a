package io.gatehouse.dataplane.snapshot;

import io.gatehouse.proto.config.v1.ConfigSnapshot;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The last snapshot this replica applied, kept on local disk so that it can start and keep
 * enforcing policy while the control plane is unreachable. Written atomically (temp file + move),
 * so a crash leaves either the old or the new copy, never a torn one. The file's modification
 * time is when the control plane was last heard from.
 */
public final class LastGoodSnapshotFile {

    private final Path file;

    public LastGoodSnapshotFile(Path stateDir) {
        this.file = stateDir.resolve("last-good-snapshot.pb");
    }

    public Path path() {
        return file;
    }

    public void write(ConfigSnapshot snapshot) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, snapshot.toByteArray());
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public Optional<StoredSnapshot> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        ConfigSnapshot snapshot = ConfigSnapshot.parseFrom(Files.readAllBytes(file));
        return Optional.of(new StoredSnapshot(snapshot, Files.getLastModifiedTime(file).toInstant()));
    }

    public record StoredSnapshot(ConfigSnapshot snapshot, Instant lastContact) {
    }
}
