package io.gatehouse.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code gatehouse signing-keys list|rotate} against a stub of the control plane. */
class SigningKeysCommandTest {

    private static final String NEXT = """
            {"kid":"cp-2","algorithm":"ES256","state":"next","createdAt":"2026-11-29T10:00:00Z",
             "signsFrom":"2026-11-29T10:05:00Z"}""";

    private final StubServer stub;

    SigningKeysCommandTest() throws IOException {
        stub = new StubServer();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void listShowsEachKeyWithItsStateAndTimes() {
        stub.on("GET /api/v1/signing-keys", 200, "[" + NEXT + """
                ,{"kid":"cp-1","algorithm":"ES256","state":"current","createdAt":"2026-10-01T00:00:00Z",
                  "activatedAt":"2026-10-01T00:00:00Z"}]""");
        CliRun run = CliRun.against(stub, "signing-keys", "list");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("KID"), run::toString);
        assertTrue(run.out().contains("cp-2") && run.out().contains("next") && run.out().contains("2026-11-29T10:05:00Z"),
                run::toString);
        assertTrue(run.out().contains("cp-1") && run.out().contains("current"), run::toString);
    }

    @Test
    void rotateStartsARotationAndSaysWhenTheNewKeySigns() {
        stub.on("POST /api/v1/signing-keys/rotate", 201, NEXT);
        CliRun run = CliRun.against(stub, "signing-keys", "rotate");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("signing key cp-2 is published and signs from 2026-11-29T10:05:00Z\n", run.out());
    }

    @Test
    void anImmediateRotationAsksForIt() {
        stub.on("POST /api/v1/signing-keys/rotate?immediate=true", 201, """
                {"kid":"cp-3","state":"current","createdAt":"2026-11-29T10:00:00Z"}""");
        CliRun run = CliRun.against(stub, "signing-keys", "rotate", "--immediate");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("signing key cp-3 signs from now on\n", run.out());
    }

    @Test
    void aRotationUnderWayIsExitFive() {
        stub.on("POST /api/v1/signing-keys/rotate", 409,
                "{\"status\":409,\"detail\":\"a rotation is already under way: key cp-2 becomes current at 2026-11-29T10:05:00Z\"}");
        CliRun run = CliRun.against(stub, "signing-keys", "rotate");
        assertEquals(5, run.exitCode(), run::toString);
        assertTrue(run.err().contains("already under way"), run::toString);
    }
}
