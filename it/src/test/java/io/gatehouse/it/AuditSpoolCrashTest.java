package io.gatehouse.it;

import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Database;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The audit spool survives a crash: calls made while the control plane is down exist only in the
 * data plane's spool; the data plane is killed with SIGKILL (its last segment gets a torn tail on
 * top), restarted, and once the control plane is back every call is stored exactly once.
 */
@Order(5)
class AuditSpoolCrashTest {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void everyCallSpooledBeforeAKillIsStoredExactlyOnceAfterTheRestart() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String token = Tokens.deployBot();
        HttpResponse<String> warmUp = Http.get(suite.proxyUrl() + "/demo/customers/42", token);
        assertEquals(200, warmUp.statusCode(), () -> "before the crash: " + Http.describe(warmUp));

        Map<String, String> expected = new LinkedHashMap<>(); // request id → decision
        Path spool = suite.dataPlaneStateDir().resolve("audit");
        suite.stopService(Service.CONTROL_PLANE);
        try {
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> granted = Http.get(suite.proxyUrl() + "/demo/customers/" + (100 + i), token);
                assertEquals(200, granted.statusCode(), () -> "control plane down: " + Http.describe(granted));
                expected.put(requestId(granted), "ALLOWED");
            }
            HttpResponse<String> ungranted = Http.get(suite.proxyUrl() + "/demo/admin", token);
            assertEquals(403, ungranted.statusCode(), () -> Http.describe(ungranted));
            expected.put(requestId(ungranted), "DENIED");
            HttpResponse<String> anonymous = Http.get(suite.proxyUrl() + "/demo/customers/42", null);
            assertEquals(401, anonymous.statusCode(), () -> Http.describe(anonymous));
            expected.put(requestId(anonymous), "DENIED");
            for (String requestId : expected.keySet()) {
                assertEquals(0, storedCount(suite, requestId), "with the control plane down nothing is stored yet");
            }

            suite.killService(Service.DATA_PLANE);
            assertFalse(suite.isRunning(Service.DATA_PLANE), "the data plane was killed");
            Path lastSegment = lastSegment(spool);
            // a write the kill cut short: half a record header at the end of the newest segment
            Files.write(lastSegment, new byte[] {0, 0, 0}, StandardOpenOption.APPEND);

            suite.startService(Service.DATA_PLANE);
            assertTrue(logContains(suite, lastSegment.getFileName().toString(), "truncating"),
                    "the data plane names the repaired segment " + lastSegment + " in a WARN");
            HttpResponse<String> afterRestart = Http.get(suite.proxyUrl() + "/demo/customers/42", token);
            assertEquals(200, afterRestart.statusCode(), () -> "restarted, control plane still down: " + Http.describe(afterRestart));
            expected.put(requestId(afterRestart), "ALLOWED");
        } finally {
            if (!suite.isRunning(Service.DATA_PLANE)) {
                suite.startService(Service.DATA_PLANE);
            }
            suite.startService(Service.CONTROL_PLANE);
        }

        Instant deadline = Instant.now().plus(DELIVERY_TIMEOUT);
        List<String> missing = new ArrayList<>(expected.keySet());
        while (!missing.isEmpty()) {
            missing.removeIf(requestId -> storedCount(suite, requestId) > 0);
            if (!missing.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    fail("not stored within " + DELIVERY_TIMEOUT.toSeconds() + " s after the control plane came back: "
                            + missing + "; see " + suite.logFile(Service.DATA_PLANE));
                }
                Thread.sleep(500);
            }
        }
        for (Map.Entry<String, String> call : expected.entrySet()) {
            assertEquals(1, storedCount(suite, call.getKey()), "request " + call.getKey() + " is stored exactly once");
            assertEquals(call.getValue(), storedDecision(suite, call.getKey()), "decision of request " + call.getKey());
        }

        // the suite is healthy again: a new call is stored, and the spool drains
        HttpResponse<String> after = Http.get(suite.proxyUrl() + "/demo/customers/42", token);
        assertEquals(200, after.statusCode(), () -> "after recovery: " + Http.describe(after));
        String afterId = requestId(after);
        while (storedCount(suite, afterId) == 0) {
            assertTrue(Instant.now().isBefore(deadline.plusSeconds(30)), "the call after recovery is stored");
            Thread.sleep(300);
        }
        while (!Http.get(suite.httpUrl(Service.DATA_PLANE) + "/api/v1/status", null).body().contains("\"auditBacklog\":0")) {
            assertTrue(Instant.now().isBefore(deadline.plusSeconds(30)), "the spool drains to an empty backlog");
            Thread.sleep(300);
        }
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("X-Gatehouse-Request-Id")
                .orElseThrow(() -> new AssertionError("no X-Gatehouse-Request-Id: " + Http.describe(response)));
    }

    private static Path lastSegment(Path spool) throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(path -> path.getFileName().toString().startsWith("segment-"))
                    .max(Path::compareTo)
                    .orElseThrow(() -> new AssertionError("no segment file in the data plane's spool " + spool));
        }
    }

    private static boolean logContains(Suite suite, String... parts) throws IOException {
        for (String line : Files.readAllLines(suite.logFile(Service.DATA_PLANE), StandardCharsets.UTF_8)) {
            if (Stream.of(parts).allMatch(line::contains)) {
                return true;
            }
        }
        return false;
    }

    private static long storedCount(Suite suite, String requestId) {
        try (Connection connection = suite.database().connect(Database.CONTROL);
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM audit_event WHERE request_id = ?")) {
            query.setString(1, requestId);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getLong(1) : 0;
            }
        } catch (SQLException e) {
            return 0;
        }
    }

    private static String storedDecision(Suite suite, String requestId) throws SQLException {
        try (Connection connection = suite.database().connect(Database.CONTROL);
             PreparedStatement query = connection.prepareStatement("SELECT decision FROM audit_event WHERE request_id = ?")) {
            query.setString(1, requestId);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }
}
