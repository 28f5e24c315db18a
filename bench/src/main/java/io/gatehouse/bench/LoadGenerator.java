package io.gatehouse.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the standard load generators from Debian's packages and reads their reports: wrk for
 * throughput at saturation; latency at a fixed request rate comes from {@link FixedRateLoadGenerator}.
 */
final class LoadGenerator {

    private static final Pattern WRK_RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern WRK_PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern WRK_ERRORS = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

    private LoadGenerator() {
    }

    static LoadResult saturate(String label, String url, String bearer, int threads, int connections, Duration duration)
            throws IOException, InterruptedException {
        String report = run(List.of("wrk", "--latency", "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s",
                "-H", "Authorization: Bearer " + bearer, url));
        long errors = find(WRK_ERRORS, report).map(Long::parseLong).orElse(0L);
        return new LoadResult(label, number(WRK_RPS, report), wrkPercentile(report, "50"), wrkPercentile(report, "99"), errors);
    }

    /** Latency at a fixed rate, open loop, measured from when each call was due (see {@link FixedRateLoadGenerator}). */
    static LoadResult fixedRate(String label, String url, String bearer, int connections, int totalRate, Duration duration)
            throws Exception {
        return FixedRateLoadGenerator.run(label, url, bearer, connections, totalRate, duration);
    }

    private static double wrkPercentile(String report, String which) {
        Matcher matcher = WRK_PERCENTILE.matcher(report);
        while (matcher.find()) {
            if (matcher.group(1).equals(which)) {
                double value = Double.parseDouble(matcher.group(2));
                return switch (matcher.group(3)) {
                    case "us" -> value / 1000;
                    case "s" -> value * 1000;
                    default -> value;
                };
            }
        }
        throw new IllegalStateException("wrk reported no " + which + "% latency:\n" + report);
    }

    private static double number(Pattern pattern, String report) {
        return find(pattern, report).map(Double::parseDouble)
                .orElseThrow(() -> new IllegalStateException("unexpected load generator report:\n" + report));
    }

    private static java.util.Optional<String> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command.get(0) + " failed:\n" + output);
        }
        return output;
    }
}
