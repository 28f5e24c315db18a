package io.gatehouse.it;

import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.SuiteVault;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs last: after every scenario, no secret of the run — the static store's upstream credential, every value
 * Vault held, the broker's Vault token, the join tokens — has reached a caller, a log or a metric.
 */
@Order(100)
class SecretHygieneTest {

    @Test
    @Order(1)
    void noSecretReachedACaller() {
        List<String> responses = Http.seenResponses();
        assertFalse(responses.isEmpty(), "the scenarios made calls");
        for (String response : responses) {
            for (String secret : secrets()) {
                assertFalse(response.contains(secret), () -> "a secret leaked to a caller: " + response);
            }
        }
    }

    @Test
    @Order(2)
    void noSecretIsInALogFile() throws Exception {
        Suite suite = GatehouseSuite.get();
        List<Path> logs;
        try (Stream<Path> files = Files.list(suite.logsDir())) {
            logs = files.filter(f -> f.toString().endsWith(".log")).toList();
        }
        assertTrue(logs.size() >= 2, () -> "log files in " + suite.logsDir() + ": " + logs);
        List<String> leaks = new ArrayList<>();
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            long found = secrets().stream().filter(text::contains).count();
            if (found > 0) {
                leaks.add(log.getFileName() + " (" + found + " secret(s))");
            }
        }
        assertTrue(leaks.isEmpty(), () -> "secrets written to logs: " + leaks);
    }

    @Test
    @Order(3)
    void noSecretIsInAMetric() {
        Suite suite = GatehouseSuite.get();
        for (Service service : Service.values()) {
            HttpResponse<String> metrics = Http.send(HttpRequest.newBuilder(URI.create(suite.httpUrl(service) + "/q/metrics"))
                    .header("Accept", "text/plain").GET().build());
            assertEquals(200, metrics.statusCode(), () -> service + ": " + Http.describe(metrics));
            for (String secret : secrets()) {
                assertFalse(metrics.body().contains(secret), () -> "a secret is in the metrics of " + service);
            }
        }
    }

    private static List<String> secrets() {
        Suite suite = GatehouseSuite.get();
        List<String> secrets = new ArrayList<>(SuiteVault.secrets());
        secrets.add(suite.upstreamSecret());
        secrets.addAll(suite.joinTokens());
        return secrets;
    }
}
