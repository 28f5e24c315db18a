package io.gatehouse.bench;

import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import io.gatehouse.launcher.suite.SuiteOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The suite as the gateway benchmarks run it: every service a process on free ports (the launcher's test options) with
 * production-like JVM settings, a {@link FastUpstream} in this JVM, and the benchmark policy ({@link BenchConfig}: one
 * identity, the given resources on that upstream, the upstream's credential in the vault broker's static store).
 */
final class BenchSuite implements AutoCloseable {

    /** Production-like JVMs: the launcher's test defaults (C1 only, SerialGC) favour startup over speed. */
    static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseG1GC");

    private final FastUpstream upstream;
    private final Suite suite;
    private final String upstreamUrl;
    private final String upstreamSecret;
    private final List<String> serviceJvmOptions;

    private BenchSuite(FastUpstream upstream, Suite suite, String upstreamUrl, String upstreamSecret, List<String> serviceJvmOptions) {
        this.upstream = upstream;
        this.suite = suite;
        this.upstreamUrl = upstreamUrl;
        this.upstreamSecret = upstreamSecret;
        this.serviceJvmOptions = serviceJvmOptions;
    }

    /**
     * Starts the upstream and the suite with {@code resources} (names from {@link BenchConfig}); {@code extraJvmOptions}
     * are added to every service's JVM options. Work directory: a new temporary directory.
     */
    static BenchSuite start(List<String> resources, List<String> extraJvmOptions) throws Exception {
        return start(resources, extraJvmOptions, Map.of());
    }

    /** The same, with extra environment for the data plane (e.g. {@code GATEHOUSE_AUDIT_SPOOL_HIGH_WATER_BYTES}). */
    static BenchSuite start(List<String> resources, List<String> extraJvmOptions, Map<String, String> dataPlaneEnvironment)
            throws Exception {
        String upstreamSecret = randomToken();
        Path workDir = Files.createTempDirectory("gatehouse-bench-");
        List<String> jvmOptions = concat(SERVICE_JVM_OPTIONS, extraJvmOptions);
        SuiteOptions options = SuiteOptions.forTests(SuiteOptions.findHome(), workDir).serviceJavaOptions(jvmOptions);
        FastUpstream upstream = FastUpstream.start(upstreamSecret);
        try {
            String upstreamUrl = "http://127.0.0.1:" + upstream.port();
            Path config = workDir.resolve("bench-gatehouse.yaml");
            Path secrets = workDir.resolve("bench-secrets.yaml");
            Files.writeString(config, BenchConfig.policy("http://127.0.0.1:" + options.ports().oidc() + "/ci", upstreamUrl, resources));
            Files.writeString(secrets, BenchConfig.secrets(upstreamSecret, resources));
            Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
            options.env(Service.CONTROL_PLANE, "GATEHOUSE_CONTROL_PLANE_CONFIG_FILE", config.toString())
                    .env(Service.VAULT_BROKER, "GATEHOUSE_BROKER_STATIC_STORE_FILE", secrets.toString());
            dataPlaneEnvironment.forEach((key, value) -> options.env(Service.DATA_PLANE, key, value));
            Suite suite = Suite.start(options, System.out);
            return new BenchSuite(upstream, suite, upstreamUrl, upstreamSecret, jvmOptions);
        } catch (Exception | Error e) {
            upstream.close();
            throw e;
        }
    }

    Suite suite() {
        return suite;
    }

    String upstreamUrl() {
        return upstreamUrl;
    }

    String upstreamSecret() {
        return upstreamSecret;
    }

    /** The services' JVM options: {@link #SERVICE_JVM_OPTIONS} and the extra ones. */
    List<String> serviceJvmOptions() {
        return serviceJvmOptions;
    }

    /** A fresh OIDC token of the benchmark identity from the suite's CI issuer (valid for 10 minutes). */
    String token() {
        return suite.issuer().workloadToken(BenchConfig.IDENTITY);
    }

    /** The URL of {@code path} on {@code resource} through the data plane. */
    String gatewayUrl(String resource, String path) {
        return suite.proxyUrl() + "/" + resource + path;
    }

    @Override
    public void close() {
        try {
            suite.close();
        } finally {
            upstream.close();
        }
    }

    static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
