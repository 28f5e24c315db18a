package io.gatehouse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.gatehouse.bench.GatewayBenchmark.FULL;
import static io.gatehouse.bench.GatewayBenchmark.PASSTHROUGH;
import static io.gatehouse.bench.Measurement.DIRECT;

/** The results file: environment, settings, each segment, and the medians and ratios the goals are about. */
record BenchReport(Instant finishedAt, String label, int segmentSeconds, int rate, int halfSaturation,
                   List<String> serviceJvmOptions, Measurement throughput, Measurement latency, Measurement halfLoad,
                   GatewayBenchmark.HeapPerConnections heap) {

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Gateway vs. direct").append(label.isBlank() ? "" : " (" + label + ")").append(" — ").append(finishedAt).append("\n\n");
        md.append("Machine: ").append(BenchEnvironment.cpuModel()).append(", ").append(BenchEnvironment.cores())
                .append(" cores, load average at the end ").append(BenchEnvironment.loadAverage()).append(", JDK ").append(BenchEnvironment.jdk())
                .append(" (services: ").append(String.join(" ", serviceJvmOptions)).append("). ")
                .append("Load generator, upstream (1 KiB JSON, 1 event loop, in the benchmark JVM), the data plane and the rest of ")
                .append("the suite share the same cores, which other engineers' builds also used: absolute numbers are low and noisy; ")
                .append("the ratios compare segments of the same run.\n\n");
        md.append("Through the data plane, no masking, bearer JWT verified from the cache, identity and grant lookup, ")
                .append("credential from the vault broker (cached) injected, start and outcome spooled (sync `interval`), outcome ")
                .append("shipped to the control plane. **passthrough**: resource with default recording (metadata) — the closest ")
                .append("to a resource without identity features this gateway can declare. **full pipeline**: recording level ")
                .append("`bodies` (allow-listed headers, first 4 KiB of each body).\n\n");
        md.append("## Goals\n\n| goal | target | measured |\n|---|---|---|\n");
        goal(md, "full pipeline throughput / direct (saturation)", "≥ 35%", percent(throughput.throughputRatio(FULL, DIRECT)));
        goal(md, "passthrough throughput / direct (saturation)", "≥ 50%", percent(throughput.throughputRatio(PASSTHROUGH, DIRECT)));
        goal(md, "added p50, full pipeline, " + rate + " requests/s", "≤ 150 µs", micros(latency.addedP50Micros(FULL)));
        goal(md, "added p99, full pipeline, " + halfSaturation + " requests/s (half of its saturation)", "≤ 1 ms",
                micros(halfLoad.addedP99Micros(FULL)));
        goal(md, "recording bodies / metadata throughput (no \"off\" level exists)", "≥ 95%",
                percent(throughput.throughputRatio(FULL, PASSTHROUGH)));
        goal(md, "live heap per 1,000 idle keep-alive connections", "≤ 16 MiB",
                String.format(Locale.ROOT, "%.1f MiB (%d connections: %.1f → %.1f MiB)", heap.mibPerThousand(),
                        heap.connections(), mib(heap.bytesBefore()), mib(heap.bytesWith())));
        md.append('\n');
        for (Measurement measurement : List.of(throughput, latency, halfLoad)) {
            section(md, measurement);
        }
        md.append(String.format(Locale.ROOT, "Non-2xx answers in all measured segments: %d.%n",
                throughput.errors() + latency.errors() + halfLoad.errors()));
        md.append("\nRerun: `bench/run.sh` (see bench/README.md).\n");
        return md.toString();
    }

    private static void goal(StringBuilder md, String what, String target, String measured) {
        md.append("| ").append(what).append(" | ").append(target).append(" | **").append(measured).append("** |\n");
    }

    private void section(StringBuilder md, Measurement measurement) {
        md.append(String.format(Locale.ROOT, "## %s, %d × %d s per target, alternating%n%n", measurement.title(),
                measurement.rounds(), segmentSeconds));
        md.append("| round | target | requests/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n");
        for (int round = 0; round < measurement.rounds(); round++) {
            for (Map.Entry<String, List<LoadResult>> target : measurement.runs().entrySet()) {
                LoadResult result = target.getValue().get(round);
                md.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.3f | %.3f | %d |%n", round + 1, result.path(),
                        result.requestsPerSecond(), result.p50Millis(), result.p99Millis(), result.errors()));
            }
        }
        md.append("\nMedians: ");
        for (String target : measurement.runs().keySet()) {
            md.append(String.format(Locale.ROOT, "%s %.0f/s p50 %.3f ms p99 %.3f ms", target,
                    measurement.median(target, LoadResult::requestsPerSecond), measurement.median(target, LoadResult::p50Millis),
                    measurement.median(target, LoadResult::p99Millis)));
            if (!target.equals(DIRECT)) {
                md.append(String.format(Locale.ROOT, " (%s of direct, +%.0f µs p50, +%.0f µs p99)",
                        percent(measurement.throughputRatio(target, DIRECT)), measurement.addedP50Micros(target),
                        measurement.addedP99Micros(target)));
            }
            md.append("; ");
        }
        md.setLength(md.length() - 2);
        md.append(".\n\n");
    }

    String json() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("finishedAt", finishedAt.toString());
        root.put("label", label);
        root.put("environment", BenchEnvironment.json(serviceJvmOptions));
        root.put("settings", Map.of("segmentSeconds", segmentSeconds, "rounds", throughput.rounds(), "rate", rate,
                "halfSaturationRate", halfSaturation));
        Map<String, Object> goals = new LinkedHashMap<>();
        goals.put("fullPipelineThroughputRatio", throughput.throughputRatio(FULL, DIRECT));
        goals.put("passthroughThroughputRatio", throughput.throughputRatio(PASSTHROUGH, DIRECT));
        goals.put("addedP50MicrosAtRate", latency.addedP50Micros(FULL));
        goals.put("addedP99MicrosAtHalfSaturation", halfLoad.addedP99Micros(FULL));
        goals.put("recordingBodiesOverMetadataThroughput", throughput.throughputRatio(FULL, PASSTHROUGH));
        goals.put("heapMiBPer1000IdleConnections", heap.mibPerThousand());
        root.put("goals", goals);
        root.put("saturation", throughput.runs());
        root.put("fixedRate", latency.runs());
        root.put("halfSaturation", halfLoad.runs());
        root.put("idleConnections", Map.of("connections", heap.connections(), "liveHeapBytesBefore", heap.bytesBefore(),
                "liveHeapBytesWith", heap.bytesWith()));
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    private static String micros(double value) {
        return String.format(Locale.ROOT, "%.0f µs", value);
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
