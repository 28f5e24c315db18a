package io.gatehouse.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token reaches the service as a bearer token and nowhere else: not in output, errors or stack traces. */
class TokenHandlingTest {

    private final StubServer stub = newStub();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void theTokenFromTheEnvironmentIsSentAsBearerToken() {
        stub.on("GET /api/v1/resources", 200, "[]");
        CliRun run = CliRun.against(stub, "resources", "list");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("Bearer " + CliRun.TOKEN, stub.only("GET").header("Authorization"));
        assertNoToken(run);
    }

    @Test
    void aTokenFileWinsOverTheEnvironmentAndItsNewlineIsIgnored() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "file-token-0123456789\n");
        stub.on("GET /api/v1/resources", 200, "[]");
        CliRun run = CliRun.against(stub, "resources", "list", "--token-file", file.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("Bearer file-token-0123456789", stub.only("GET").header("Authorization"));
    }

    @Test
    void withoutTokenNothingIsSentAndTheUserIsToldWhereTheTokenComesFrom() {
        CliRun run = CliRun.with(Map.of("GATEHOUSE_CONTROL_PLANE_URL", stub.url()), "identities", "list");
        assertEquals(6, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no token: set GATEHOUSE_TOKEN or pass --token-file"), run::toString);
        assertTrue(stub.received().isEmpty());
    }

    @Test
    void aMissingTokenFileIsAUsageErrorNamingTheFile() {
        CliRun run = CliRun.against(stub, "identities", "list", "--token-file", dir.resolve("nope").toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("token file " + dir.resolve("nope") + " does not exist"), run::toString);
    }

    @Test
    void thereIsNoTokenOption() {
        CliRun run = CliRun.against(stub, "identities", "list", "--token", "abc");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(stub.received().isEmpty());
    }

    @Test
    void aServerEchoingTheTokenInItsErrorDoesNotGetItPrintedEvenWithDebug() {
        stub.on("GET /api/v1/identities/deploy-bot", 403,
                "{\"status\":403,\"detail\":\"token " + CliRun.TOKEN + " has no role\",\"errors\":[{\"path\":\"auth\",\"message\":\"" + CliRun.TOKEN + "\"}]}");
        CliRun run = CliRun.against(stub, "identities", "show", "deploy-bot", "--debug");
        assertEquals(6, run.exitCode(), run::toString);
        assertTrue(run.err().contains("error: token [redacted] has no role"), run::toString);
        assertTrue(run.err().contains("  auth: [redacted]"), run::toString);
        assertTrue(run.err().contains("at io.gatehouse.cli"), "--debug shows the stack trace: " + run);
        assertNoToken(run);
    }

    @Test
    void unreachableServerErrorsDoNotCarryTheToken() {
        CliRun run = CliRun.with(Map.of("GATEHOUSE_TOKEN", CliRun.TOKEN, "GATEHOUSE_CONTROL_PLANE_URL", "http://127.0.0.1:1"),
                "--debug", "identities", "list");
        assertEquals(7, run.exitCode(), run::toString);
        assertNoToken(run);
    }

    private static void assertNoToken(CliRun run) {
        assertFalse(run.out().contains(CliRun.TOKEN) || run.err().contains(CliRun.TOKEN), () -> "token printed: " + run);
        assertFalse(run.out().contains("test-token-value") || run.err().contains("test-token-value"), () -> "token part printed: " + run);
    }

    private static StubServer newStub() {
        try {
            return new StubServer();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
