package io.gatehouse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results file: environment, settings, each run, and the medians and ratios that matter. */
record BenchReport(Instant finishedAt, int connections, int rate, int segmentSeconds, int rounds,
                   Measurement throughput, Measurement latency) {

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Gateway vs. direct — ").append(finishedAt).append("\n\n");
        md.append("Machine: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, JDK ").append(System.getProperty("java.version"))
                .append(" (services: ").append(String.join(" ", GatewayBenchmark.SERVICE_JVM_OPTIONS)).append("). ")
                .append("Load generator, upstream (1 KiB JSON, 1 event loop, in the benchmark JVM), the data plane and the rest of ")
                .append("the suite share the same cores, so absolute numbers are low; the ratios compare like with like.\n\n");
        md.append("Full pipeline through the data plane: bearer JWT verified (cache hit), identity and grant lookup, ")
                .append("credential from the vault broker (cached) injected, audit record shipped to the control plane; no masking.\n\n");
        md.append(String.format(Locale.ROOT, "## Saturation (wrk, 2 threads, %d connections, %d × %d s alternating)%n%n",
                connections, rounds, segmentSeconds));
        table(md, throughput);
        md.append(String.format(Locale.ROOT, "%nThroughput through the gateway: **%.0f%%** of direct (median of %d segments each).%n%n",
                throughput.throughputRatio() * 100, rounds));
        md.append(String.format(Locale.ROOT, "## Fixed rate (hey, %d requests/s over 10 connections, %d × %d s alternating)%n%n",
                rate, rounds, segmentSeconds));
        table(md, latency);
        md.append(String.format(Locale.ROOT, "%nAdded latency at %d requests/s: p50 **%.0f µs**, p99 **%.0f µs** (medians).%n",
                rate, latency.addedP50Micros(), latency.addedP99Micros()));
        md.append(String.format(Locale.ROOT, "%nNon-2xx answers in all measured segments: %d.%n", throughput.errors() + latency.errors()));
        md.append("\nRerun: `bench/run.sh` (see bench/README.md).\n");
        return md.toString();
    }

    private static void table(StringBuilder md, Measurement measurement) {
        md.append("| segment | path | requests/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n");
        for (int i = 0; i < measurement.direct().size(); i++) {
            row(md, i + 1, measurement.direct().get(i));
            row(md, i + 1, measurement.gateway().get(i));
        }
    }

    private static void row(StringBuilder md, int segment, LoadResult result) {
        md.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.3f | %.3f | %d |%n", segment, result.path(),
                result.requestsPerSecond(), result.p50Millis(), result.p99Millis(), result.errors()));
    }

    String json() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("finishedAt", finishedAt.toString());
        root.put("environment", Map.of("cpu", cpuModel(), "cores", Runtime.getRuntime().availableProcessors(),
                "jdk", System.getProperty("java.version"), "benchJvm", ManagementFactory.getRuntimeMXBean().getVmName()));
        root.put("settings", Map.of("connections", connections, "rate", rate, "segmentSeconds", segmentSeconds, "rounds", rounds));
        root.put("saturation", Map.of("direct", throughput.direct(), "gateway", throughput.gateway(),
                "throughputRatio", throughput.throughputRatio()));
        root.put("fixedRate", Map.of("direct", latency.direct(), "gateway", latency.gateway(),
                "addedP50Micros", latency.addedP50Micros(), "addedP99Micros", latency.addedP99Micros()));
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream().filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
