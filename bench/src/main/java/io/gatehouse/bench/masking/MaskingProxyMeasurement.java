package io.gatehouse.bench.masking;

import io.gatehouse.bench.LiveHeap;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import io.gatehouse.launcher.suite.SuiteOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Masking through the real proxy: the suite is started as processes, with a masked and an
 * unmasked resource on the same in-process upstream (1 KiB and 1 MiB JSON documents).
 * <ul>
 *   <li>time to first byte of masked 1 KiB and 1 MiB responses (and unmasked 1 MiB), medians;</li>
 *   <li>the data plane's live heap with 50 masked 1 MiB responses in flight, each caller having read
 *       64 KiB and stopped reading (so backpressure holds the rest), against the idle live heap:
 *       both measured with {@code jcmd GC.run} then {@code GC.heap_info}; the same for unmasked.</li>
 * </ul>
 * Prints a Markdown report.
 */
public final class MaskingProxyMeasurement {

    private static final int CONCURRENT = 50;
    private static int emptyAnswers;
    private static final int TTFB_SAMPLES = 300;

    public static void main(String[] args) throws Exception {
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        Path workDir = Files.createTempDirectory("gatehouse-masking-bench-");
        SuiteOptions options = SuiteOptions.forTests(SuiteOptions.findHome(), workDir)
                .serviceJavaOptions(List.of("-Xmx512m", "-XX:+UseG1GC"));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            int port = upstream(vertx, secret);
            Path config = workDir.resolve("masking-bench.yaml");
            Path secrets = workDir.resolve("masking-bench-secrets.yaml");
            Files.writeString(config, policy("http://127.0.0.1:" + options.ports().oidc() + "/ci", "http://127.0.0.1:" + port));
            Files.writeString(secrets, "secrets:\n  masked: {value: \"" + secret + "\", ttl: 1h}\n  plain: {value: \"" + secret + "\", ttl: 1h}\n");
            Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
            options.env(Service.CONTROL_PLANE, "GATEHOUSE_CONTROL_PLANE_CONFIG_FILE", config.toString())
                    .env(Service.VAULT_BROKER, "GATEHOUSE_BROKER_STATIC_STORE_FILE", secrets.toString());
            try (Suite suite = Suite.start(options, System.out)) {
                String token = suite.issuer().workloadToken("deploy-bot");
                long pid = suite.process(Service.DATA_PLANE).pid();
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                String base = suite.proxyUrl();
                System.out.println("warming up…");
                for (int i = 0; i < 300; i++) {
                    readAll(client, base + "/masked/1m", token);
                    readAll(client, base + "/plain/1m", token);
                    readAll(client, base + "/masked/1k", token);
                }
                double ttfb1k = medianTtfb(client, base + "/masked/1k", token);
                double ttfb1m = medianTtfb(client, base + "/masked/1m", token);
                double ttfbPlain1m = medianTtfb(client, base + "/plain/1m", token);
                long[] masked = heapWithStalledResponses(client, base + "/masked/1m", token, pid);
                long[] plain = heapWithStalledResponses(client, base + "/plain/1m", token, pid);
                String report = """
                        | measurement (through the proxy, %s) | value |
                        |---|---|
                        | time to first byte, masked 1 KiB (median of %d) | %.2f ms |
                        | time to first byte, masked 1 MiB (median of %d) | %.2f ms |
                        | time to first byte, unmasked 1 MiB (median of %d) | %.2f ms |
                        | live heap idle → with %d masked 1 MiB responses in flight | %.1f → %.1f MiB (**+%.1f MiB**) |
                        | live heap idle → with %d unmasked 1 MiB responses in flight | %.1f → %.1f MiB (+%.1f MiB) |
                        """.formatted(Instant.now().truncatedTo(ChronoUnit.SECONDS), TTFB_SAMPLES, ttfb1k, TTFB_SAMPLES, ttfb1m,
                        TTFB_SAMPLES, ttfbPlain1m, CONCURRENT, mib(masked[0]), mib(masked[1]), mib(masked[1] - masked[0]),
                        CONCURRENT, mib(plain[0]), mib(plain[1]), mib(plain[1] - plain[0]));
                System.out.println(report);
                System.out.println("answers without a body during the time-to-first-byte samples: " + emptyAnswers);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Live heap (bytes) idle, then with {@value #CONCURRENT} responses stalled after 64 KiB; checks they all complete masked. */
    private static long[] heapWithStalledResponses(HttpClient client, String url, String token, long pid) throws Exception {
        long idle = LiveHeap.afterFullGc(pid);
        List<InputStream> bodies = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            HttpResponse<InputStream> response = client.send(request(url, token), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            bodies.add(response.body());
            response.body().readNBytes(64 * 1024);
        }
        Thread.sleep(2000);
        long inFlight = LiveHeap.afterFullGc(pid);
        for (InputStream body : bodies) {
            String rest = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            if (url.contains("/masked/") && rest.contains("123-45-")) {
                throw new IllegalStateException("an unmasked ssn reached the caller");
            }
            body.close();
        }
        return new long[]{idle, inFlight};
    }

    private static double medianTtfb(HttpClient client, String url, String token) throws Exception {
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < TTFB_SAMPLES; i++) {
            long start = System.nanoTime();
            HttpResponse<InputStream> response = client.send(request(url, token), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200 || body.read() < 0) {
                    emptyAnswers++;
                    System.out.println(url + ": status " + response.statusCode() + " without a body (counted, not sampled)");
                    continue;
                }
                samples.add((System.nanoTime() - start) / 1e6);
                body.readAllBytes();
            }
        }
        samples.sort(Double::compare);
        return samples.get(samples.size() / 2);
    }

    private static void readAll(HttpClient client, String url, String token) throws Exception {
        HttpResponse<byte[]> response = client.send(request(url, token), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    private static HttpRequest request(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).build();
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /** Serves /1k and /1m (the benchmark's JSON documents) in 16 KiB writes, to the bearer secret only. */
    private static int upstream(Vertx vertx, String secret) throws Exception {
        Buffer small = Buffer.buffer(MaskingBenchmark.MaskingDocuments.json(1024));
        Buffer large = Buffer.buffer(MaskingBenchmark.MaskingDocuments.json(MaskingBenchmark.MIB));
        String expected = "Bearer " + secret;
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (!expected.equals(request.getHeader("Authorization"))) {
                request.response().setStatusCode(401).end();
                return;
            }
            Buffer body = request.path().endsWith("/1m") ? large : small;
            request.response().putHeader("Content-Type", "application/json").setChunked(true);
            for (int offset = 0; offset < body.length(); offset += 16 * 1024) {
                request.response().write(body.slice(offset, Math.min(body.length(), offset + 16 * 1024)));
            }
            request.response().end();
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    private static String policy(String issuer, String upstream) {
        String resource = """
                  - name: %s
                    pathPrefix: /%s
                    upstream: %s
                    credential: {injection: bearer}
                    timeout: 30s
                """;
        return """
                identities:
                  - name: deploy-bot
                    kind: ci-job
                    owner: {team: platform, contact: platform@acme.example}
                    purpose: Masking benchmark
                    expires: %s
                    trust:
                      oidc:
                        issuer: %s
                        audiences: [gatehouse]
                        claims: {repository: acme/deploy, ref: refs/heads/main}
                resources:
                """.formatted(Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), issuer)
                + resource.formatted("masked", "masked", upstream)
                + """
                    masking:
                      fields: [ssn]
                      rules:
                        - {path: "$..card.number", action: partial, keepLast: 4}
                        - {field: email, action: hash}
                        - {detector: payment-card}
                        - {detector: us-ssn}
                        - {detector: email}
                        - {detector: aws-access-key}
                        - {detector: jwt}
                """
                + resource.formatted("plain", "plain", upstream)
                + """
                grants:
                  - {identity: deploy-bot, resource: masked, methods: [GET], paths: ["/**"]}
                  - {identity: deploy-bot, resource: plain, methods: [GET], paths: ["/**"]}
                """;
    }
}
