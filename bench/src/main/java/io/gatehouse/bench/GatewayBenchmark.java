package io.gatehouse.bench;

import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Measures what the gateway costs against the direct path, in one run: the whole suite is started
 * as processes, a 1 KiB JSON upstream runs in this JVM, and load segments alternate between the
 * upstream directly and the same upstream through the data plane in two modes (see {@link BenchConfig}):
 * passthrough (token verified from cache, policy, credential injection, metadata recording) and the full
 * pipeline (the same with headers and bodies recorded). Then the data plane's live heap with idle
 * keep-alive connections.
 */
@Command(name = "gateway-benchmark", mixinStandardHelpOptions = true,
        description = "Direct vs. through-the-gateway load test; writes results as Markdown and JSON.")
public final class GatewayBenchmark implements Callable<Integer> {

    static final String PASSTHROUGH = "passthrough";
    static final String FULL = "full pipeline";
    private static final Duration WARM_UP_SEGMENT = Duration.ofSeconds(5);

    @Option(names = "--rounds", defaultValue = "3", description = "Alternating direct/gateway segments per measurement (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--segment", defaultValue = "10", description = "Seconds per load segment (default ${DEFAULT-VALUE}).")
    int segmentSeconds;

    @Option(names = "--connections", defaultValue = "32", description = "Connections at saturation (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--rate", defaultValue = "1000", description = "Requests per second of the fixed-rate latency run (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--idle-connections", defaultValue = "1000", description = "Idle keep-alive connections of the heap measurement (default ${DEFAULT-VALUE}).")
    int idleConnections;

    @Option(names = "--warm-up", defaultValue = "45", description = "Least seconds of warm-up load through the gateway; it goes on "
            + "until the throughput settles (default ${DEFAULT-VALUE}).")
    int warmUpSeconds;

    @Option(names = "--max-warm-up", defaultValue = "300", description = "Most seconds of warm-up (default ${DEFAULT-VALUE}).")
    int maxWarmUpSeconds;

    @Option(names = "--jvm-option", paramLabel = "OPTION",
            description = "Extra JVM option for the services, repeatable (e.g. -XX:StartFlightRecording=filename=/tmp/jfr/).")
    List<String> extraJvmOptions = new ArrayList<>();

    @Option(names = "--label", defaultValue = "", description = "Added to the results files' names (e.g. before, after).")
    String label;

    @Option(names = "--output", defaultValue = "bench/results", description = "Where the results files go (default ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--hold", description = "Start the suite, print the targets' URLs and bearer tokens, and keep it running until "
            + "interrupted (for profiling or a load generator of your own); measures nothing.")
    boolean hold;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try (BenchSuite bench = BenchSuite.start(List.of(BenchConfig.PASSTHROUGH, BenchConfig.FULL), extraJvmOptions)) {
            List<Target> targets = List.of(
                    new Target(Measurement.DIRECT, bench.upstreamUrl() + "/customers/42", bench::upstreamSecret),
                    new Target(PASSTHROUGH, bench.gatewayUrl(BenchConfig.PASSTHROUGH, "/customers/42"), bench::token),
                    new Target(FULL, bench.gatewayUrl(BenchConfig.FULL, "/customers/42"), bench::token));
            if (hold) {
                holdUntilInterrupted(bench, targets);
                return 0;
            }
            warmUp(targets);
            Measurement throughput = alternate("Saturation (wrk, 2 threads, " + connections + " connections)", targets,
                    target -> LoadGenerator.saturate(target.label(), target.url(), target.bearer(), 2, connections, segment()));
            Measurement latency = fixedRate(targets, rate);
            int halfSaturation = (int) Math.round(throughput.median(FULL, LoadResult::requestsPerSecond) / 2);
            Measurement halfLoad = fixedRate(targets, halfSaturation);
            HeapPerConnections heap = idleConnectionsHeap(bench.suite(), targets.get(1));
            Files.createDirectories(output);
            BenchReport report = new BenchReport(Instant.now(), label, segmentSeconds, rate, halfSaturation,
                    bench.serviceJvmOptions(), throughput, latency, halfLoad, heap);
            String name = label.isBlank() ? "gateway-vs-direct" : "gateway-vs-direct-" + label;
            Files.writeString(output.resolve(name + ".md"), report.markdown());
            Files.writeString(output.resolve(name + ".json"), report.json());
            System.out.println(report.markdown());
        }
        return 0;
    }

    private static void holdUntilInterrupted(BenchSuite bench, List<Target> targets) throws InterruptedException {
        System.out.printf("data plane pid %d%n", bench.suite().process(Service.DATA_PLANE).pid());
        for (Target target : targets) {
            System.out.printf("%s: %s%n  Authorization: Bearer %s%n", target.label(), target.url(), target.bearer());
        }
        System.out.println("holding the suite; Ctrl-C stops it");
        Runtime.getRuntime().addShutdownHook(new Thread(bench::close, "stop-suite"));
        Thread.currentThread().join();
    }

    private Measurement fixedRate(List<Target> targets, int requestsPerSecond) throws Exception {
        return alternate("Fixed rate (open loop, " + requestsPerSecond + " requests/s, at most 10 connections)", targets,
                target -> LoadGenerator.fixedRate(target.label(), target.url(), target.bearer(), 10, requestsPerSecond, segment()));
    }

    /**
     * Warms every target up until the data plane's JIT has settled: the gateway targets take turns in 5-second
     * saturation segments until each has done at least its share of {@code --warm-up} and its last two segments
     * differ by less than 5% (at most {@code --max-warm-up}). A fixed warm-up was too short on this machine: C2 was
     * still compiling the request path minutes in, and the throughput measured after it was a third of the settled one.
     */
    private void warmUp(List<Target> targets) throws Exception {
        System.out.println("warming up (JIT, connection pools, token cache) until the gateway's throughput settles…");
        LoadGenerator.saturate("warm-up", targets.get(0).url(), targets.get(0).bearer(), 2, connections, WARM_UP_SEGMENT);
        List<Target> gateway = targets.subList(1, targets.size());
        Map<String, Double> last = new LinkedHashMap<>();
        Set<String> settled = new HashSet<>();
        long started = System.nanoTime();
        long minimum = Duration.ofSeconds(warmUpSeconds).toNanos();
        long maximum = Duration.ofSeconds(Math.max(warmUpSeconds, maxWarmUpSeconds)).toNanos();
        while (System.nanoTime() - started < maximum && (settled.size() < gateway.size() || System.nanoTime() - started < minimum)) {
            for (Target target : gateway) {
                LoadResult warm = LoadGenerator.saturate("warm-up", target.url(), target.bearer(), 2, connections, WARM_UP_SEGMENT);
                if (warm.errors() > 0) {
                    throw new IllegalStateException("the gateway answered " + warm.errors() + " requests to " + target.label()
                            + " with an error during warm-up; see the service logs");
                }
                Double before = last.put(target.label(), warm.requestsPerSecond());
                boolean steady = before != null && Math.abs(warm.requestsPerSecond() - before) < 0.05 * before;
                if (steady) {
                    settled.add(target.label());
                } else {
                    settled.remove(target.label());
                }
                System.out.printf("  warm-up %s: %.0f requests/s%s%n", target.label(), warm.requestsPerSecond(), steady ? " (settled)" : "");
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        for (Target target : targets) {
            // the fixed-rate generator runs in this JVM: its own JIT must not be part of the first measured segment
            LoadGenerator.fixedRate("warm-up", target.url(), target.bearer(), 10, rate, WARM_UP_SEGMENT);
        }
        if (settled.size() < gateway.size()) {
            System.out.printf("warning: the gateway's throughput had not settled after %d s of warm-up (--max-warm-up)%n", seconds);
        } else {
            System.out.printf("warmed up in %d s%n", seconds);
        }
    }

    private Measurement alternate(String title, List<Target> targets, Segment segment) throws Exception {
        Map<String, List<LoadResult>> runs = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("%s round %d/%d…%n", title, round, rounds);
            for (Target target : targets) {
                runs.computeIfAbsent(target.label(), label -> new ArrayList<>()).add(segment.run(target));
            }
        }
        return new Measurement(title, runs);
    }

    /** Live heap of the data plane idle, then with the idle connections open (each having made one call). */
    private HeapPerConnections idleConnectionsHeap(Suite suite, Target target) throws Exception {
        long pid = suite.process(Service.DATA_PLANE).pid();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            long before = LiveHeap.afterFullGc(pid);
            try (IdleConnections idle = IdleConnections.open(vertx, target.url(), target.bearer(), idleConnections)) {
                long with = LiveHeap.afterFullGc(pid);
                return new HeapPerConnections(idle.opened(), before, with);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private Duration segment() {
        return Duration.ofSeconds(segmentSeconds);
    }

    /** Where a load segment goes: the label in the results, the URL, the bearer token it sends. */
    /**
     * A segment's bearer comes from {@code bearers} when it starts: the CI issuer's tokens live 10 minutes, shorter
     * than a run with a long warm-up.
     */
    record Target(String label, String url, Supplier<String> bearers) {
        String bearer() {
            return bearers.get();
        }
    }

    /** Live heap of the data plane after a full GC, without and with {@code connections} idle keep-alive connections. */
    record HeapPerConnections(int connections, long bytesBefore, long bytesWith) {
        double mibPerThousand() {
            return (bytesWith - bytesBefore) / (1024.0 * 1024.0) * 1000 / connections;
        }
    }

    @FunctionalInterface
    private interface Segment {
        LoadResult run(Target target) throws Exception;
    }
}
