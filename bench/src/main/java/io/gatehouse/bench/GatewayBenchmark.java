package io.gatehouse.bench;

import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import io.gatehouse.launcher.suite.SuiteOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Measures what the gateway costs against the direct path, in one run: the whole suite is started
 * as processes, a 1 KiB JSON upstream runs in this JVM, and load segments alternate between the
 * upstream directly and the same upstream through the data plane (full pipeline: token verified
 * from cache, policy, credential injection, recording on, no masking).
 */
@Command(name = "gateway-benchmark", mixinStandardHelpOptions = true,
        description = "Direct vs. through-the-gateway load test; writes results as Markdown and JSON.")
public final class GatewayBenchmark implements Callable<Integer> {

    static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseG1GC");

    @Option(names = "--rounds", defaultValue = "3", description = "Alternating direct/gateway segments per measurement (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--segment", defaultValue = "10", description = "Seconds per load segment (default ${DEFAULT-VALUE}).")
    int segmentSeconds;

    @Option(names = "--connections", defaultValue = "32", description = "Connections at saturation (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--rate", defaultValue = "1000", description = "Requests per second of the fixed-rate latency run (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--jvm-option", paramLabel = "OPTION",
            description = "Extra JVM option for the services, repeatable (e.g. -XX:StartFlightRecording=filename=/tmp/jfr/).")
    List<String> extraJvmOptions = new ArrayList<>();

    @Option(names = "--output", defaultValue = "bench/results", description = "Where the results files go (default ${DEFAULT-VALUE}).")
    Path output;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String upstreamSecret = randomToken();
        Path workDir = Files.createTempDirectory("gatehouse-bench-");
        // production-like JVMs: the launcher's test defaults (C1 only, SerialGC) favour startup over speed
        SuiteOptions options = SuiteOptions.forTests(SuiteOptions.findHome(), workDir)
                .serviceJavaOptions(concat(SERVICE_JVM_OPTIONS, extraJvmOptions));
        try (FastUpstream upstream = FastUpstream.start(upstreamSecret)) {
            String upstreamUrl = "http://127.0.0.1:" + upstream.port();
            Path config = workDir.resolve("bench-gatehouse.yaml");
            Path secrets = workDir.resolve("bench-secrets.yaml");
            Files.writeString(config, BenchConfig.policy("http://127.0.0.1:" + options.ports().oidc() + "/ci", upstreamUrl));
            Files.writeString(secrets, BenchConfig.secrets(upstreamSecret));
            Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
            options.env(Service.CONTROL_PLANE, "GATEHOUSE_CONTROL_PLANE_CONFIG_FILE", config.toString())
                    .env(Service.VAULT_BROKER, "GATEHOUSE_BROKER_STATIC_STORE_FILE", secrets.toString());
            try (Suite suite = Suite.start(options, System.out)) {
                String token = suite.issuer().workloadToken("deploy-bot");
                String direct = upstreamUrl + "/customers/42";
                String gateway = suite.proxyUrl() + "/bench/customers/42";
                warmUp(direct, upstreamSecret, gateway, token);
                Measurement throughput = alternate("saturation", () -> LoadGenerator.saturate("direct", direct, upstreamSecret, 2, connections, segment()),
                        () -> LoadGenerator.saturate("gateway", gateway, token, 2, connections, segment()));
                Measurement latency = alternate("fixed rate", () -> LoadGenerator.fixedRate("direct", direct, upstreamSecret, 10, rate, segment()),
                        () -> LoadGenerator.fixedRate("gateway", gateway, token, 10, rate, segment()));
                Files.createDirectories(output);
                BenchReport report = new BenchReport(Instant.now(), connections, rate, segmentSeconds, rounds, throughput, latency);
                Files.writeString(output.resolve("gateway-vs-direct.md"), report.markdown());
                Files.writeString(output.resolve("gateway-vs-direct.json"), report.json());
                System.out.println(report.markdown());
            }
        }
        return 0;
    }

    private void warmUp(String direct, String secret, String gateway, String token) throws Exception {
        System.out.println("warming up (JIT, connection pools, token cache)…");
        LoadGenerator.saturate("warm-up", direct, secret, 2, connections, Duration.ofSeconds(5));
        // long enough for the data plane's JIT to settle: shorter warm-ups showed throughput still rising
        LoadResult warm = LoadGenerator.saturate("warm-up", gateway, token, 2, connections, Duration.ofSeconds(45));
        if (warm.errors() > 0) {
            throw new IllegalStateException("the gateway answered " + warm.errors() + " requests with an error during warm-up; see the service logs");
        }
    }

    private Measurement alternate(String name, Segment direct, Segment gateway) throws Exception {
        List<LoadResult> directRuns = new ArrayList<>();
        List<LoadResult> gatewayRuns = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("%s round %d/%d…%n", name, round, rounds);
            directRuns.add(direct.run());
            gatewayRuns.add(gateway.run());
        }
        return new Measurement(directRuns, gatewayRuns);
    }

    private Duration segment() {
        return Duration.ofSeconds(segmentSeconds);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @FunctionalInterface
    private interface Segment {
        LoadResult run() throws Exception;
    }
}
