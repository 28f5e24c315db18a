package io.gatehouse.dataplane.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeTokenFileTest {

    @TempDir
    Path stateDir;

    @Test
    void aStoredTokenIsReadBackUntilItExpiresAndOnlyItsOwnerCanReadIt() throws Exception {
        NodeTokenFile file = new NodeTokenFile(stateDir);
        Instant expiresAt = Instant.parse("2026-11-29T12:00:00Z");
        assertTrue(file.read(expiresAt.minusSeconds(60)).isEmpty(), "nothing stored yet");

        file.write("header.claims.signature", expiresAt);

        assertEquals("header.claims.signature", file.read(expiresAt.minusSeconds(60)).orElseThrow().token());
        assertTrue(file.read(expiresAt).isEmpty(), "an expired token is not used");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
        assertTrue(!file.read(expiresAt.minusSeconds(60)).orElseThrow().toString().contains("signature"));
    }
}
