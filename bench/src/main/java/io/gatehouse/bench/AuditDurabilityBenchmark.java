package io.gatehouse.bench;

import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue #6: a saturation run with the control plane killed (SIGKILL) for a while ends with every answered request in
 * the audit store exactly once. The suite runs as processes ({@link BenchSuite}: one identity, one resource recorded at
 * level {@code metadata}, on a {@link FastUpstream}); {@link RecordingLoadGenerator} keeps every answer's request id
 * and status; the control plane is killed at {@code --outage-start} and started again {@code --outage} later while the
 * load goes on; once the load ends and the data plane's spool has drained, {@code audit_event} is read from PostgreSQL
 * and every answered request id must have exactly one {@code call} row.
 */
@Command(name = "audit-durability", mixinStandardHelpOptions = true,
        description = "Saturation run with a control-plane outage; checks every answered request is stored exactly once.")
public final class AuditDurabilityBenchmark implements Callable<Integer> {

    private static final Duration TOKEN_REFRESH = Duration.ofMinutes(4); // the CI issuer's tokens live 10 minutes

    @Option(names = "--duration", defaultValue = "10m", converter = DurationConverter.class,
            description = "Measured load time after the warm-up, e.g. 10m, 90s (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--outage-start", defaultValue = "4m", converter = DurationConverter.class,
            description = "When the control plane is killed, from the start of the measured load (default ${DEFAULT-VALUE}).")
    Duration outageStart;

    @Option(names = "--outage", defaultValue = "2m", converter = DurationConverter.class,
            description = "How long the control plane stays down before it is started again (default ${DEFAULT-VALUE}).")
    Duration outage;

    @Option(names = "--warm-up", defaultValue = "60s", converter = DurationConverter.class,
            description = "Load before the measured time (JIT, pools); its calls are checked too (default ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(names = "--connections", defaultValue = "32", description = "Concurrent keep-alive connections (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "A call without an answer for this long counts as unanswered (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--sample", defaultValue = "10s", converter = DurationConverter.class,
            description = "Interval of the timeline (throughput, spool backlog) (default ${DEFAULT-VALUE}).")
    Duration sample;

    @Option(names = "--drain-timeout", defaultValue = "15m", converter = DurationConverter.class,
            description = "How long to wait for the data plane's spool to drain after the load (default ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--jvm-option", paramLabel = "OPTION", description = "Extra JVM option for the services, repeatable.")
    List<String> extraJvmOptions = new ArrayList<>();

    @Option(names = "--data-plane-env", paramLabel = "KEY=VALUE",
            description = "Extra environment of the data plane, repeatable (e.g. GATEHOUSE_AUDIT_SPOOL_HIGH_WATER_BYTES=268435456).")
    Map<String, String> dataPlaneEnvironment = new LinkedHashMap<>();

    @Option(names = "--output", defaultValue = "bench/results", description = "Where the results files go (default ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--name", defaultValue = "audit-durability", description = "Results file name, without extension (default ${DEFAULT-VALUE}).")
    String name;

    private String commandLine = "bench/audit-durability.sh";

    public static void main(String[] args) {
        AuditDurabilityBenchmark benchmark = new AuditDurabilityBenchmark();
        benchmark.commandLine = String.join(" ", prepend("bench/audit-durability.sh", args));
        System.exit(new CommandLine(benchmark).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (outageStart.plus(outage).compareTo(duration) >= 0) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--outage-start + --outage must end before --duration, so that load runs after the restart");
        }
        String loadAverageAtStart = BenchEnvironment.loadAverages();
        Instant startedAt = Instant.now();
        try (BenchSuite bench = BenchSuite.start(List.of(BenchConfig.PASSTHROUGH), extraJvmOptions, dataPlaneEnvironment)) {
            Suite suite = bench.suite();
            String managementUrl = suite.httpUrl(Service.DATA_PLANE);
            AtomicReference<String> token = new AtomicReference<>(bench.token());
            String url = bench.gatewayUrl(BenchConfig.PASSTHROUGH, "/customers/42");
            RecordingLoadGenerator.Answer checkCall = checkOneCall(url, token.get());

            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
            List<AuditDurabilityReport.Sample> samples = new CopyOnWriteArrayList<>();
            Marks marks = new Marks();
            try (RecordingLoadGenerator load = new RecordingLoadGenerator(url, token::get, connections, timeout.toMillis())) {
                scheduler.scheduleAtFixedRate(() -> token.set(bench.token()), TOKEN_REFRESH.toMillis(), TOKEN_REFRESH.toMillis(),
                        TimeUnit.MILLISECONDS);
                marks.loadStart = System.nanoTime();
                load.start();
                Sampler sampler = new Sampler(load, suite, managementUrl, marks, warmUp, samples);
                scheduler.scheduleAtFixedRate(sampler, sample.toMillis(), sample.toMillis(), TimeUnit.MILLISECONDS);
                System.out.printf("warm-up: %s with %d connections…%n", AuditDurabilityReport.human(warmUp), connections);
                marks.measuredStart = sleepUntil(marks.loadStart + warmUp.toNanos());
                System.out.printf("measured load: %s; the control plane is killed after %s for %s…%n",
                        AuditDurabilityReport.human(duration), AuditDurabilityReport.human(outageStart), AuditDurabilityReport.human(outage));
                sleepUntil(marks.measuredStart + outageStart.toNanos());
                marks.kill = System.nanoTime();
                suite.killService(Service.CONTROL_PLANE);
                System.out.printf("control plane killed (SIGKILL) %.1f s into the measured load%n", seconds(marks.kill - marks.measuredStart));
                sleepUntil(marks.kill + outage.toNanos());
                marks.restart = System.nanoTime();
                suite.startService(Service.CONTROL_PLANE);
                marks.ready = System.nanoTime();
                System.out.printf("control plane ready again %.1f s after its restart began%n", seconds(marks.ready - marks.restart));
                sleepUntil(marks.measuredStart + duration.toNanos());
                load.stop();
                marks.loadEnd = System.nanoTime();
                System.out.printf("load ended: %d answered, %d without an answer; waiting for the spool to drain…%n",
                        load.answered(), load.unanswered());
                sampler.run();
                double backlogAtLoadEnd = SpoolMetrics.read(managementUrl).backlogEvents();
                double drainSeconds = awaitDrained(managementUrl, marks.loadEnd);
                long callRows = awaitStoreSettled(suite);
                scheduler.shutdownNow();
                StoredAuditEvents stored = StoredAuditEvents.read(suite.database());
                List<RecordingLoadGenerator.Answer> answers = new ArrayList<>(load.answers());
                answers.add(checkCall); // before the load: in no phase, but checked like the others
                AuditDurabilityReport report = AuditDurabilityReport.analyze(new AuditDurabilityReport.Run(
                        startedAt, Instant.now(), commandLine, loadAverageAtStart, BenchEnvironment.loadAverages(),
                        bench.serviceJvmOptions(), dataPlaneEnvironment, duration, outageStart, outage, warmUp, connections, timeout, sample,
                        marks.phases(), seconds(marks.ready - marks.restart), drainSeconds, callRows,
                        answers, load.noAnswers(), List.copyOf(samples), backlogAtLoadEnd, stored));
                Files.createDirectories(output);
                Files.writeString(output.resolve(name + ".md"), report.markdown());
                Files.writeString(output.resolve(name + ".json"), report.json());
                System.out.println(report.markdown());
                return report.exactlyOnce() ? 0 : 1;
            } finally {
                scheduler.shutdownNow();
            }
        }
    }

    /** Fails fast (before minutes of load) when the gateway does not answer 200 with a request id. */
    private static RecordingLoadGenerator.Answer checkOneCall(String url, String token) throws Exception {
        long sent = System.nanoTime();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.headers().firstValue(RecordingLoadGenerator.REQUEST_ID).isEmpty()) {
            throw new IllegalStateException("a first call through the gateway answered " + response.statusCode() + " "
                    + response.headers().map() + " " + response.body());
        }
        return new RecordingLoadGenerator.Answer(response.headers().firstValue(RecordingLoadGenerator.REQUEST_ID).orElseThrow(),
                response.statusCode(), sent, System.nanoTime());
    }

    /** Waits until the data plane reports no unacknowledged audit events; answers the seconds since {@code since}. */
    private double awaitDrained(String managementUrl, long since) throws InterruptedException {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (true) {
            SpoolMetrics.Reading reading = SpoolMetrics.read(managementUrl);
            if (reading.known() && reading.backlogEvents() == 0) {
                double drained = seconds(System.nanoTime() - since);
                System.out.printf("spool drained %.1f s after the load ended%n", drained);
                return drained;
            }
            if (System.nanoTime() > deadline) {
                System.out.printf("the spool still holds %.0f events after %s; checking the store anyway%n",
                        reading.backlogEvents(), AuditDurabilityReport.human(drainTimeout));
                return -1;
            }
            Thread.sleep(500);
        }
    }

    /** Acknowledged means committed; still, reads the store until its count of call rows stops moving. */
    private static long awaitStoreSettled(Suite suite) throws Exception {
        long previous = -1;
        for (int i = 0; i < 30; i++) {
            long count = StoredAuditEvents.callRowCount(suite.database());
            if (count == previous) {
                return count;
            }
            previous = count;
            Thread.sleep(2_000);
        }
        return previous;
    }

    private static long sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
        }
        return System.nanoTime();
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** When things happened (System.nanoTime()). */
    static final class Marks {
        volatile long loadStart;
        volatile long measuredStart;
        volatile long kill;
        volatile long restart;
        volatile long ready;
        volatile long loadEnd;

        List<AuditDurabilityReport.Phase> phases() {
            return List.of(
                    new AuditDurabilityReport.Phase("warm-up", "load before the measured time", loadStart, measuredStart),
                    new AuditDurabilityReport.Phase("before", "control plane up", measuredStart, kill),
                    new AuditDurabilityReport.Phase("during", "control plane killed (SIGKILL), down", kill, restart),
                    new AuditDurabilityReport.Phase("restart", "control plane starting again, until ready", restart, ready),
                    new AuditDurabilityReport.Phase("after", "control plane up again", ready, loadEnd));
        }
    }

    /** Every interval: answers per second since the last sample, the spool, the control plane's state. */
    private static final class Sampler implements Runnable {
        private final RecordingLoadGenerator load;
        private final Suite suite;
        private final String managementUrl;
        private final Marks marks;
        private final List<AuditDurabilityReport.Sample> samples;
        private long lastNanos;
        private long lastAnswered;
        private long lastUnanswered;
        private long lastNot2xx;
        private final long warmUpNanos;

        Sampler(RecordingLoadGenerator load, Suite suite, String managementUrl, Marks marks, Duration warmUp,
                List<AuditDurabilityReport.Sample> samples) {
            this.warmUpNanos = warmUp.toNanos();
            this.load = load;
            this.suite = suite;
            this.managementUrl = managementUrl;
            this.marks = marks;
            this.samples = samples;
            this.lastNanos = marks.loadStart;
        }

        @Override
        public synchronized void run() {
            try {
                long now = System.nanoTime();
                long answered = load.answered();
                long unanswered = load.unanswered();
                long not2xx = load.answeredNot2xx();
                double interval = seconds(now - lastNanos);
                SpoolMetrics.Reading spool = SpoolMetrics.read(managementUrl);
                samples.add(new AuditDurabilityReport.Sample(seconds(now - marks.loadStart - warmUpNanos),
                        (answered - lastAnswered) / interval, (not2xx - lastNot2xx) / interval, unanswered - lastUnanswered,
                        spool.backlogEvents(),
                        spool.unacknowledgedBytes(), spool.refusing(), controlPlaneState(now)));
                lastNanos = now;
                lastAnswered = answered;
                lastUnanswered = unanswered;
                lastNot2xx = not2xx;
            } catch (RuntimeException e) {
                System.out.println("timeline sample failed: " + e);
            }
        }

        /** down between the kill and the restart, starting until it is ready, up otherwise (as the process sees it). */
        private String controlPlaneState(long now) {
            if (marks.kill != 0 && now >= marks.kill && (marks.restart == 0 || now < marks.restart)) {
                return "down";
            }
            if (marks.restart != 0 && now >= marks.restart && (marks.ready == 0 || now < marks.ready)) {
                return suite.isRunning(Service.CONTROL_PLANE) ? "starting" : "down";
            }
            return "up";
        }
    }

    /** 90s, 10m, 1h, or plain seconds. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

        @Override
        public Duration convert(String value) {
            Matcher matcher = FORMAT.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!matcher.matches()) {
                throw new CommandLine.TypeConversionException("not a duration (e.g. 90s, 10m): " + value);
            }
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
    }
}
