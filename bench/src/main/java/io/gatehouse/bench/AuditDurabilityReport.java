package io.gatehouse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static io.gatehouse.bench.AuditDurabilityBenchmark.seconds;

/**
 * The audit durability run's analysis and results files: every answered request id against the {@code call} rows
 * stored for it, overall and per phase (before, during and after the control plane's outage), with throughput,
 * statuses and latency per phase and a timeline of the data plane's spool.
 */
final class AuditDurabilityReport {

    private static final int SAMPLE_IDS = 20;

    /** A stretch of the run, [from, to) in System.nanoTime(). */
    record Phase(String name, String what, long fromNanos, long toNanos) {
        double seconds() {
            return AuditDurabilityBenchmark.seconds(toNanos - fromNanos);
        }

        boolean contains(long nanos) {
            return nanos >= fromNanos && nanos < toNanos;
        }
    }

    /** One timeline point; t in seconds from the start of the measured load (negative: warm-up). */
    record Sample(double t, double answersPerSecond, double not2xxPerSecond, long noAnswer, double spoolBacklogEvents,
                  double spoolUnacknowledgedBytes, double spoolRefusing, String controlPlane) {
    }

    /** What the run produced. */
    record Run(Instant startedAt, Instant finishedAt, String commandLine, String loadAverageAtStart, String loadAverageAtEnd,
               List<String> serviceJvmOptions, Map<String, String> dataPlaneEnvironment, Duration duration, Duration outageStart, Duration outage, Duration warmUp,
               int connections, Duration timeout, Duration sampleInterval, List<Phase> phases, double restartSeconds,
               double drainSeconds, long callRowsInStore, List<RecordingLoadGenerator.Answer> answers,
               List<RecordingLoadGenerator.NoAnswer> noAnswers, List<Sample> samples, double backlogAtLoadEnd,
               StoredAuditEvents stored) {
    }

    /** One phase's figures. */
    record PhaseResult(String phase, String what, double fromSeconds, double toSeconds, double seconds, long answered,
                       double answersPerSecond, long answered2xx, double answers2xxPerSecond, Map<Integer, Long> statuses,
                       long noAnswer, long storedExactlyOnce, long missing, long duplicated, double p50Millis, double p99Millis) {
    }

    /** The check: answered request ids against stored call rows. */
    record Durability(long answered, long answeredWithoutRequestId, long storedExactlyOnce, long missing, long duplicated,
                      long duplicateRows, long noAnswer, long callRowsWithoutAnAnswer, long callRowsInStore,
                      Map<String, Long> rowsPerKind, List<String> missingSample, List<String> duplicatedSample,
                      Map<String, Long> noAnswerReasons) {
    }

    private final Run run;
    private final Durability durability;
    private final List<PhaseResult> phases;

    private AuditDurabilityReport(Run run, Durability durability, List<PhaseResult> phases) {
        this.run = run;
        this.durability = durability;
        this.phases = phases;
    }

    static AuditDurabilityReport analyze(Run run) {
        StoredAuditEvents stored = run.stored();
        Map<String, Boolean> answeredIds = new HashMap<>(run.answers().size() * 2);
        long withoutId = 0;
        long exactlyOnce = 0;
        long duplicateRows = 0;
        List<String> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        long missingCount = 0;
        long duplicatedCount = 0;
        for (RecordingLoadGenerator.Answer answer : run.answers()) {
            if (answer.requestId() == null) {
                withoutId++;
                continue;
            }
            answeredIds.put(answer.requestId(), Boolean.TRUE);
            int rows = stored.callRows(answer.requestId());
            if (rows == 1) {
                exactlyOnce++;
            } else if (rows == 0) {
                missingCount++;
                if (missing.size() < SAMPLE_IDS) {
                    missing.add(answer.requestId() + " (status " + answer.status() + ")");
                }
            } else {
                duplicatedCount++;
                duplicateRows += rows - 1;
                if (duplicated.size() < SAMPLE_IDS) {
                    duplicated.add(answer.requestId() + " (status " + answer.status() + ", " + rows + " rows)");
                }
            }
        }
        long rowsWithoutAnswer = stored.callRowsByRequestId().entrySet().stream()
                .filter(entry -> !answeredIds.containsKey(entry.getKey())).mapToLong(Map.Entry::getValue).sum();
        Map<String, Long> reasons = new TreeMap<>();
        run.noAnswers().forEach(failure -> reasons.merge(shortReason(failure.reason()), 1L, Long::sum));
        Durability durability = new Durability(run.answers().size(), withoutId, exactlyOnce, missingCount, duplicatedCount,
                duplicateRows, run.noAnswers().size(), rowsWithoutAnswer, run.callRowsInStore(), stored.rowsPerKind(),
                missing, duplicated, reasons);

        List<PhaseResult> phases = new ArrayList<>();
        long origin = run.phases().get(1).fromNanos(); // the measured load's start
        for (Phase phase : run.phases()) {
            phases.add(phaseResult(phase, origin, run, stored));
        }
        return new AuditDurabilityReport(run, durability, phases);
    }

    private static PhaseResult phaseResult(Phase phase, long origin, Run run, StoredAuditEvents stored) {
        long answered = 0;
        long ok = 0;
        long exactlyOnce = 0;
        long missing = 0;
        long duplicated = 0;
        Map<Integer, Long> statuses = new TreeMap<>();
        List<Long> latencies = new ArrayList<>();
        for (RecordingLoadGenerator.Answer answer : run.answers()) {
            if (!phase.contains(answer.answeredNanos())) {
                continue;
            }
            answered++;
            if (answer.status() / 100 == 2) {
                ok++;
            }
            statuses.merge(answer.status(), 1L, Long::sum);
            latencies.add(answer.answeredNanos() - answer.sentNanos());
            int rows = answer.requestId() == null ? 0 : stored.callRows(answer.requestId());
            if (rows == 1) {
                exactlyOnce++;
            } else if (rows == 0) {
                missing++;
            } else {
                duplicated++;
            }
        }
        long noAnswer = run.noAnswers().stream().filter(failure -> phase.contains(failure.failedNanos())).count();
        latencies.sort(null);
        double seconds = phase.seconds();
        return new PhaseResult(phase.name(), phase.what(), seconds(phase.fromNanos() - origin), seconds(phase.toNanos() - origin),
                seconds, answered, seconds > 0 ? answered / seconds : 0, ok, seconds > 0 ? ok / seconds : 0, statuses, noAnswer,
                exactlyOnce, missing, duplicated, percentile(latencies, 0.50), percentile(latencies, 0.99));
    }

    private static double percentile(List<Long> sortedNanos, double quantile) {
        if (sortedNanos.isEmpty()) {
            return 0;
        }
        int index = (int) Math.min(sortedNanos.size() - 1, Math.ceil(quantile * sortedNanos.size()) - 1);
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }

    private static String shortReason(String reason) {
        String text = reason == null ? "unknown" : reason;
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    /** Every answered request id stored exactly once, and every answer carried a request id. */
    boolean exactlyOnce() {
        return durability.missing() == 0 && durability.duplicated() == 0 && durability.answeredWithoutRequestId() == 0
                && durability.answered() > 0;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Audit durability: saturation with the control plane killed — ").append(run.finishedAt()).append("\n\n");
        md.append(exactlyOnce()
                ? String.format(Locale.ROOT, "**Every answered request is in the store exactly once: %,d answered, %,d stored once, "
                        + "0 missing, 0 duplicated.**%n%n", durability.answered(), durability.storedExactlyOnce())
                : String.format(Locale.ROOT, "**Not every answered request is in the store exactly once: %,d answered, %,d stored once, "
                        + "%,d missing, %,d duplicated, %,d answers without a request id.**%n%n", durability.answered(),
                        durability.storedExactlyOnce(), durability.missing(), durability.duplicated(),
                        durability.answeredWithoutRequestId()));
        md.append("Machine: ").append(BenchEnvironment.cpuModel()).append(", ").append(BenchEnvironment.cores())
                .append(" cores, JDK ").append(BenchEnvironment.jdk()).append(" (services: ")
                .append(String.join(" ", run.serviceJvmOptions())).append("); load average (1/5/15 min) ")
                .append(run.loadAverageAtStart()).append(" at the start, ").append(run.loadAverageAtEnd()).append(" at the end. ")
                .append("The load generator, the upstream, the data plane, the control plane and PostgreSQL share these cores, ")
                .append("and other engineers' builds and tests ran on them too: throughput is low and noisy; the durability ")
                .append("figures do not depend on it.\n\n");
        md.append("## What ran\n\n");
        md.append("The whole suite as processes on free ports (`BenchSuite`: PostgreSQL, OIDC issuer, vault broker, control plane, ")
                .append("approval service, data plane), one identity and one resource (`plain`, recording level `metadata`, no masking) ")
                .append("on a 1 KiB JSON upstream in the benchmark JVM. The data plane's audit settings are its defaults: spool ")
                .append("sync `interval` (50 ms), high-water mark 64 MiB (above it new calls are refused with 503 before the ")
                .append("upstream is contacted, until it drains below the low-water mark, 48 MiB), batches of 200")
                .append(run.dataPlaneEnvironment().isEmpty() ? "" : ", except for the data plane's environment set for this run: `"
                        + run.dataPlaneEnvironment() + "`")
                .append(".\n\n");
        md.append(String.format(Locale.ROOT, "- Load: %d keep-alive connections, closed loop (`RecordingLoadGenerator`, Vert.x "
                        + "HttpClient in the benchmark JVM), each sending its next `GET /plain/customers/42` as soon as the previous "
                        + "answer is in, keeping every answer's `X-Gatehouse-Request-Id` and status; %s of warm-up, then %s "
                        + "measured (it lasted %.0f s: the load goes on at least until the control plane is ready again); a call "
                        + "without an answer within %s counts as \"no answer\".%n",
                run.connections(), human(run.warmUp()), human(run.duration()), measuredSeconds(), human(run.timeout())));
        md.append(String.format(Locale.ROOT, "- At %s the control plane is killed with SIGKILL (`Suite.killService`), %s later "
                        + "it is started again (`Suite.startService`); it was ready %.1f s after its start began.%n",
                human(run.outageStart()), human(run.outage()), run.restartSeconds()));
        md.append(run.drainSeconds() >= 0
                ? String.format(Locale.ROOT, "- After the load, the data plane's spool was drained (`gatehouse_audit_spool_backlog_events` "
                + "= 0) %.1f s after the load ended (%,.0f events waited at its end: the control plane caught up at about %,.0f "
                + "events/s with no other load). Largest spool backlog seen: %,.0f events (%.1f MiB).%n", run.drainSeconds(),
                run.backlogAtLoadEnd(), run.drainSeconds() > 0 ? run.backlogAtLoadEnd() / run.drainSeconds() : 0,
                peakBacklog(), peakBacklogBytes() / (1024 * 1024))
                : "- After the load, the data plane's spool did **not** drain within the drain timeout.\n");
        md.append("- Then `audit_event` is read from PostgreSQL: rows per request id and kind. A call is stored as one row of kind ")
                .append("`call` (the data plane spools a call's start and its outcome but ships only the outcome; a start without ")
                .append("outcome after a crash is shipped as an \"interrupted\" outcome under the start's event id), so exactly once ")
                .append("means one `call` row per answered request id, whatever the status.\n\n");
        md.append("## Exactly once\n\n| | count |\n|---|---|\n");
        row(md, "answered (any HTTP status) by the gateway, the one check call before the load included", durability.answered());
        row(md, "answered without an `X-Gatehouse-Request-Id`", durability.answeredWithoutRequestId());
        row(md, "answered and stored exactly once (one `call` row)", durability.storedExactlyOnce());
        row(md, "answered and **missing** from the store", durability.missing());
        row(md, "answered and **duplicated** in the store (more than one `call` row)", durability.duplicated());
        row(md, "surplus rows of the duplicated ones", durability.duplicateRows());
        row(md, "calls without an answer (connection error or timeout at the client)", durability.noAnswer());
        row(md, "`call` rows whose request id the load generator never saw answered", durability.callRowsWithoutAnAnswer());
        row(md, "`call` rows in the store", durability.callRowsInStore());
        for (Map.Entry<String, Long> kind : durability.rowsPerKind().entrySet()) {
            row(md, "rows naming a request id, kind `" + kind.getKey() + "`", kind.getValue());
        }
        md.append('\n');
        if (!durability.missingSample().isEmpty()) {
            md.append("Missing (first ").append(durability.missingSample().size()).append("): ")
                    .append(String.join(", ", durability.missingSample())).append(".\n\n");
        }
        if (!durability.duplicatedSample().isEmpty()) {
            md.append("Duplicated (first ").append(durability.duplicatedSample().size()).append("): ")
                    .append(String.join(", ", durability.duplicatedSample())).append(".\n\n");
        }
        if (!durability.noAnswerReasons().isEmpty()) {
            md.append("Calls without an answer, by reason: ");
            durability.noAnswerReasons().forEach((reason, count) -> md.append('`').append(reason).append("` ").append(count).append("; "));
            md.setLength(md.length() - 2);
            md.append(".\n\n");
        }
        md.append("## Per phase\n\nTimes in seconds from the start of the measured load; an answer belongs to the phase in which ")
                .append("it arrived.\n\n");
        md.append("| phase | from – to s | answered | answers/s | 2xx/s | statuses | no answer | stored once | missing | duplicated "
                + "| p50 ms | p99 ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (PhaseResult phase : phases) {
            md.append(String.format(Locale.ROOT, "| %s (%s) | %.1f – %.1f | %,d | %.0f | %.0f | %s | %d | %,d | %d | %d | %.1f | %.1f |%n",
                    phase.phase(), phase.what(), phase.fromSeconds(), phase.toSeconds(), phase.answered(),
                    phase.answersPerSecond(), phase.answers2xxPerSecond(), statuses(phase.statuses()), phase.noAnswer(),
                    phase.storedExactlyOnce(), phase.missing(), phase.duplicated(), phase.p50Millis(), phase.p99Millis()));
        }
        md.append("\n## Timeline\n\nEvery ").append(human(run.sampleInterval()))
                .append(": answers per second since the previous sample, the data plane's spool (events and MiB not yet ")
                .append("acknowledged by the control plane; refusing = above the high-water mark), the control plane's process.\n\n");
        md.append("| t s | answers/s | non-2xx/s | no answer | spool events | spool MiB | refusing | control plane |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (Sample sample : run.samples()) {
            md.append(String.format(Locale.ROOT, "| %.0f | %.0f | %.0f | %d | %s | %s | %s | %s |%n", sample.t(),
                    sample.answersPerSecond(), sample.not2xxPerSecond(), sample.noAnswer(),
                    sample.spoolBacklogEvents() < 0 ? "?" : String.format(Locale.ROOT, "%,.0f", sample.spoolBacklogEvents()),
                    sample.spoolUnacknowledgedBytes() < 0 ? "?" : String.format(Locale.ROOT, "%.1f", sample.spoolUnacknowledgedBytes() / (1024 * 1024)),
                    sample.spoolRefusing() < 0 ? "?" : (sample.spoolRefusing() > 0 ? "yes" : "no"),
                    sample.controlPlane().equals("up") ? "up" : "**" + sample.controlPlane() + "**"));
        }
        md.append("\nRerun: `").append(run.commandLine()).append("` (see bench/README.md; `MAVEN_ARGS` for an offline build).\n");
        return md.toString();
    }

    String json() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("startedAt", run.startedAt().toString());
        root.put("finishedAt", run.finishedAt().toString());
        root.put("command", run.commandLine());
        Map<String, Object> environment = BenchEnvironment.json(run.serviceJvmOptions());
        environment.put("loadAverageAtStart", run.loadAverageAtStart());
        environment.put("loadAverageAtEnd", run.loadAverageAtEnd());
        root.put("environment", environment);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("durationSeconds", run.duration().toSeconds());
        settings.put("outageStartSeconds", run.outageStart().toSeconds());
        settings.put("outageSeconds", run.outage().toSeconds());
        settings.put("warmUpSeconds", run.warmUp().toSeconds());
        settings.put("connections", run.connections());
        settings.put("timeoutSeconds", run.timeout().toSeconds());
        settings.put("resourceRecording", "metadata");
        settings.put("dataPlaneEnvironment", run.dataPlaneEnvironment());
        root.put("settings", settings);
        root.put("exactlyOnce", exactlyOnce());
        root.put("durability", durability);
        root.put("controlPlaneRestartSeconds", run.restartSeconds());
        root.put("spoolDrainedSecondsAfterLoad", run.drainSeconds());
        root.put("spoolBacklogEventsAtLoadEnd", run.backlogAtLoadEnd());
        root.put("spoolPeakBacklogEvents", peakBacklog());
        root.put("spoolPeakUnacknowledgedBytes", peakBacklogBytes());
        root.put("phases", phases);
        root.put("timeline", run.samples());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }

    private double measuredSeconds() {
        List<Phase> all = run.phases();
        return AuditDurabilityBenchmark.seconds(all.get(all.size() - 1).toNanos() - all.get(1).fromNanos());
    }

    private double peakBacklog() {
        return run.samples().stream().mapToDouble(Sample::spoolBacklogEvents).max().orElse(-1);
    }

    private double peakBacklogBytes() {
        return run.samples().stream().mapToDouble(Sample::spoolUnacknowledgedBytes).max().orElse(-1);
    }

    private static void row(StringBuilder md, String what, long count) {
        md.append(String.format(Locale.ROOT, "| %s | %,d |%n", what, count));
    }

    private static String statuses(Map<Integer, Long> statuses) {
        if (statuses.isEmpty()) {
            return "–";
        }
        StringBuilder text = new StringBuilder();
        statuses.forEach((status, count) -> text.append(status).append(": ").append(String.format(Locale.ROOT, "%,d", count)).append(", "));
        return text.substring(0, text.length() - 2);
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
