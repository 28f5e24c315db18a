package io.gatehouse.vaultbroker.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Tells whether a file can be read by accounts other than its owner. */
final class FilePermissions {

    private FilePermissions() {
    }

    /** @return false where POSIX permissions are not supported */
    static boolean isReadableByGroupOrOthers(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
