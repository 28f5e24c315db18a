package io.gatehouse.it;

import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs last: after every scenario, the upstream secret has reached no caller and no log. */
@Order(100)
class SecretHygieneTest {

    @Test
    @Order(1)
    void secretNeverReachedACaller() {
        Suite suite = GatehouseSuite.get();
        List<String> responses = Http.seenResponses();
        assertFalse(responses.isEmpty(), "the scenarios made calls");
        for (String response : responses) {
            assertFalse(response.contains(suite.upstreamSecret()), () -> "the upstream secret leaked to a caller: " + response);
        }
    }

    @Test
    @Order(2)
    void secretIsInNoLogFile() throws Exception {
        Suite suite = GatehouseSuite.get();
        List<Path> logs;
        try (Stream<Path> files = Files.list(suite.logsDir())) {
            logs = files.filter(f -> f.toString().endsWith(".log")).toList();
        }
        assertTrue(logs.size() >= 2, () -> "log files in " + suite.logsDir() + ": " + logs);
        List<String> leaks = new ArrayList<>();
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            if (text.contains(suite.upstreamSecret())) {
                leaks.add(log.getFileName().toString());
            }
            for (String joinToken : suite.joinTokens()) {
                if (text.contains(joinToken)) {
                    leaks.add(log.getFileName() + " (join token)");
                }
            }
        }
        assertTrue(leaks.isEmpty(), () -> "secrets written to logs: " + leaks);
    }
}
