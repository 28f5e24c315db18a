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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs last: after every scenario, no secret of the run — the static store's upstream credential (the canary the
 * broker serves to the data plane), every value Vault held (among them a query parameter credential and an OAuth2
 * client secret), every access token the OAuth2 token endpoint issued, the broker's Vault token, the join tokens —
 * has reached a caller, a log file of any suite process or a metrics scrape of any service, neither as is nor
 * base64- or URL-encoded. First it checks that the canaries really went out, so that finding none means something.
 */
@Order(100)
class SecretHygieneTest {

    @Test
    @Order(0)
    void theCanariesReallyReachedTheUpstreams() {
        Suite suite = GatehouseSuite.get();
        assertTrue(suite.upstream().requests().stream().anyMatch(request -> request.headersContain(suite.upstreamSecret())),
                "the demo upstream never received the static store's credential: the checks below would prove nothing");
        List<String> vaultUpstream = SuiteVault.upstream().authorizations();
        assertTrue(vaultUpstream.stream().anyMatch(authorization -> authorization.equals("Bearer " + SuiteVault.inventorySecret())
                        || SuiteVault.secrets().stream().anyMatch(secret -> authorization.equals("Bearer " + secret))),
                "the Vault-backed upstream never received a Vault credential");
        assertTrue(vaultUpstream.stream().anyMatch(authorization -> authorization.startsWith("Bearer ")
                        && SuiteVault.oauth2().issuedTo(authorization.substring(7)) != null),
                "the OAuth2 resource's upstream never received an issued access token");
    }

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
        try (Stream<Path> files = Files.walk(suite.logsDir())) {
            // every file, rotated or not, of every process (replicas included)
            logs = files.filter(Files::isRegularFile).toList();
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

    /** Every secret of the run, each as is, base64-encoded and URL-encoded. */
    private static List<String> secrets() {
        Suite suite = GatehouseSuite.get();
        List<String> secrets = new ArrayList<>(SuiteVault.secrets());
        secrets.add(suite.upstreamSecret());
        secrets.addAll(suite.joinTokens());
        List<String> forms = new ArrayList<>();
        for (String secret : secrets) {
            forms.add(secret);
            forms.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        }
        return forms.stream().distinct().toList();
    }
}
