package io.gatehouse.bench.audit;

import io.gatehouse.launcher.postgres.LocalPostgres;
import io.gatehouse.launcher.suite.SuiteOptions;
import io.gatehouse.proto.audit.v1.AuditBatch;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Audit ingestion into PostgreSQL through the real control plane: the packaged control plane runs as its own process;
 * this JVM plays {@code --streams} data planes, each shipping pre-built batches of realistic events over the gRPC
 * audit stream as a data plane's shipper does; the rate is events acknowledged (durably stored, hash-chained) per
 * second, checked against the rows in {@code audit_event} after every round.
 */
@Command(name = "audit-ingestion-benchmark", mixinStandardHelpOptions = true,
        description = "Events per second stored by the control plane's gRPC audit ingestion; writes a Markdown report.")
public final class AuditIngestionBenchmark implements Callable<Integer> {

    @Option(names = "--database-url", description = "JDBC URL of an empty PostgreSQL database; default: an embedded PostgreSQL.")
    String databaseUrl;

    @Option(names = "--database-user", defaultValue = "postgres", description = "Database user (trust or no password).")
    String databaseUser;

    @Option(names = "--streams", defaultValue = "4", description = "Concurrent data-plane streams (default ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--events", defaultValue = "200000", description = "Events per measured round, over all streams (default ${DEFAULT-VALUE}).")
    int eventsPerRound;

    @Option(names = "--batch", defaultValue = "200", description = "Events per batch: the data plane's gatehouse.audit.batch-size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--window", defaultValue = "8", description = "Batches in flight per stream (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--rounds", defaultValue = "3", description = "Measured rounds after the warm-up (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warm-up-rounds", defaultValue = "2", description = "Rounds before the measured ones, while the"
            + " control plane's JIT compiles the ingestion path (default ${DEFAULT-VALUE}).")
    int warmUpRounds;

    @Option(names = "--jvm-option", paramLabel = "OPTION", description = "Extra JVM option for the control plane, repeatable.")
    List<String> extraJvmOptions = new ArrayList<>();

    @Option(names = "--postgres-pid", description = "PID of the PostgreSQL server (postmaster) whose backends' CPU time is"
            + " reported; default: found from a backend of the database when the server runs on this machine.")
    Long postgresPid;

    @Option(names = "--label", defaultValue = "", description = "A note for the report (e.g. what changed).")
    String label;

    @Option(names = "--output", defaultValue = "bench/results/audit-ingestion-latest.md", description = "Report file (default ${DEFAULT-VALUE}).")
    Path output;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AuditIngestionBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path workDir = Files.createTempDirectory("gatehouse-audit-bench-");
        LocalPostgres embedded = null;
        String jdbcUrl = databaseUrl;
        if (jdbcUrl == null) {
            embedded = LocalPostgres.start(0, null);
            embedded.ensureDatabase("audit_bench");
            jdbcUrl = embedded.jdbcUrl("audit_bench");
        }
        if (postgresPid == null) {
            postgresPid = localServerPid(jdbcUrl);
        }
        String joinToken = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes());
        List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseG1GC"));
        jvm.addAll(extraJvmOptions);
        try (ControlPlaneProcess controlPlane = ControlPlaneProcess.start(SuiteOptions.findHome(), workDir, jvm, jdbcUrl,
                databaseUser, joinToken)) {
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", controlPlane.grpcPort()).usePlaintext()
                    .maxInboundMessageSize(16 * 1024 * 1024).build();
            try {
                for (int round = 1; round <= warmUpRounds; round++) {
                    System.out.printf("warm-up round %d/%d…%n", round, warmUpRounds);
                    round(channel, joinToken, jdbcUrl, "warmup" + round, controlPlane);
                }
                List<Round> results = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    Round result = round(channel, joinToken, jdbcUrl, "r" + round, controlPlane);
                    System.out.printf("round %d/%d: %,.0f events/s, CPU per 1,000 events: control plane %.0f ms,"
                            + " PostgreSQL %s; usage counted %.0f ms after the last ack%n", round, rounds, result.rate(),
                            result.controlPlaneCpuMs(), result.postgresCpuMs() < 0 ? "not measured"
                                    : String.format("%.0f ms", result.postgresCpuMs()), result.rollupLagMs());
                    results.add(result);
                }
                String report = report(results, jdbcUrl, controlPlane);
                Files.createDirectories(output.toAbsolutePath().getParent());
                Files.writeString(output, report);
                System.out.println(report);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
        return 0;
    }

    /**
     * Events stored per second; CPU milliseconds per 1,000 events (PostgreSQL: -1 when not measured), until the usage
     * rollup had counted them; how long after the last acknowledgement that was.
     */
    record Round(double rate, double controlPlaneCpuMs, double postgresCpuMs, double rollupLagMs) {
    }

    /** One round: every stream ships its share. */
    private Round round(ManagedChannel channel, String joinToken, String jdbcUrl, String name,
                        ControlPlaneProcess controlPlane) throws Exception {
        int batchesPerStream = Math.max(1, eventsPerRound / streams / batchSize);
        List<String> dataPlanes = new ArrayList<>();
        List<List<AuditBatch>> prepared = new ArrayList<>();
        for (int stream = 0; stream < streams; stream++) {
            String dataPlane = "bench-" + name + "-dp-" + stream + "-" + UUID.randomUUID().toString().substring(0, 8);
            dataPlanes.add(dataPlane);
            prepared.add(AuditStreamLoad.prepare(new SyntheticAuditEvents(dataPlane, stream * 7919L + name.hashCode()),
                    batchesPerStream, batchSize));
        }
        long events = (long) streams * batchesPerStream * batchSize;
        java.time.Duration controlPlaneCpu = controlPlane.cpu();
        java.time.Duration postgresCpu = postgresCpu();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int stream = 0; stream < streams; stream++) {
            sent.add(new AuditStreamLoad(channel, joinToken, window).send(prepared.get(stream)));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
        long lastAck = System.nanoTime();
        double seconds = (lastAck - start) / 1e9;
        awaitUsageRollup(jdbcUrl, dataPlanes);
        double rollupLagMs = (System.nanoTime() - lastAck) / 1e6;
        double controlPlaneMs = controlPlane.cpu().minus(controlPlaneCpu).toMillis() * 1000.0 / events;
        double postgresMs = postgresPid == null ? -1 : postgresCpu().minus(postgresCpu).toMillis() * 1000.0 / events;
        long stored = storedEvents(jdbcUrl, dataPlanes);
        if (stored != events) {
            throw new IllegalStateException("acknowledged " + events + " events but " + stored + " are stored");
        }
        return new Round(events / seconds, controlPlaneMs, postgresMs, rollupLagMs);
    }

    /** Waits until the usage rollup has counted every event of these streams (its work is part of the CPU measured). */
    private void awaitUsageRollup(String jdbcUrl, List<String> dataPlanes) throws SQLException, InterruptedException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, databaseUser, "");
             PreparedStatement behind = connection.prepareStatement("SELECT count(*) FROM audit_chain_head h"
                     + " LEFT JOIN usage_rollup_position p ON p.source = h.source"
                     + " WHERE h.source = ANY (?) AND coalesce(p.last_seq, 0) < h.last_seq")) {
            behind.setArray(1, connection.createArrayOf("text", dataPlanes.toArray()));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (true) {
                try (ResultSet row = behind.executeQuery()) {
                    row.next();
                    if (row.getLong(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the usage rollup did not catch up within 5 minutes");
                }
                Thread.sleep(50);
            }
        }
    }

    /** CPU time of the PostgreSQL server's processes (the connection pool's backends live through a round). */
    private java.time.Duration postgresCpu() {
        if (postgresPid == null) {
            return java.time.Duration.ZERO;
        }
        return ProcessHandle.of(postgresPid).stream().flatMap(server -> java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(server), server.descendants()))
                .map(process -> process.info().totalCpuDuration().orElse(java.time.Duration.ZERO))
                .reduce(java.time.Duration.ZERO, java.time.Duration::plus);
    }

    /** The postmaster of a server on this machine: the parent of this connection's backend process (null if remote). */
    private Long localServerPid(String jdbcUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, databaseUser, "");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return ProcessHandle.of(row.getLong(1)).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(null);
        }
    }

    private long storedEvents(String jdbcUrl, List<String> dataPlanes) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, databaseUser, "");
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM audit_event WHERE chain_source = ANY (?)")) {
            count.setArray(1, connection.createArrayOf("text", dataPlanes.toArray()));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private String report(List<Round> results, String jdbcUrl, ControlPlaneProcess controlPlane) throws SQLException {
        List<Double> rates = results.stream().map(Round::rate).toList();
        double median = rates.stream().sorted().toList().get(rates.size() / 2);
        StringBuilder text = new StringBuilder();
        text.append("## Audit ingestion run ").append(Instant.now()).append(label.isBlank() ? "" : " — " + label).append("\n\n");
        text.append(String.format("- streams %d, batch %d events, window %d batches, %,d events per round, %d rounds after"
                + " %d warm-up rounds%n", streams, batchSize, window, eventsPerRound, rounds, warmUpRounds));
        text.append("- rounds (events/s): ").append(rates.stream().map(rate -> String.format("%,.0f", rate)).toList()).append('\n');
        text.append(String.format("- **median: %,.0f events/s**%n", median));
        text.append("- CPU per 1,000 events, control plane (ms): ").append(results.stream()
                .map(result -> String.format("%.0f", result.controlPlaneCpuMs())).toList()).append('\n');
        if (postgresPid != null) {
            text.append("- CPU per 1,000 events, PostgreSQL (ms): ").append(results.stream()
                    .map(result -> String.format("%.0f", result.postgresCpuMs())).toList()).append('\n');
        }
        text.append("- usage rollup caught up after the last ack (ms): ").append(results.stream()
                .map(result -> String.format("%.0f", result.rollupLagMs())).toList()).append('\n');
        text.append("- load average at the end (other work on the machine): ")
                .append(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()).append('\n');
        text.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, Java ")
                .append(System.getProperty("java.version")).append('\n');
        try (Connection connection = DriverManager.getConnection(jdbcUrl, databaseUser, "");
             Statement statement = connection.createStatement()) {
            for (String setting : List.of("server_version", "fsync", "synchronous_commit", "shared_buffers", "wal_level",
                    "max_wal_size")) {
                try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
                    row.next();
                    text.append("- PostgreSQL ").append(setting).append(": ").append(row.getString(1)).append('\n');
                }
            }
            try (ResultSet row = statement.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('audit_event')),"
                    + " (SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) FROM pg_inherits"
                    + " WHERE inhparent = 'audit_event'::regclass), (SELECT count(*) FROM audit_event)")) {
                row.next();
                text.append("- audit_event after the run: ").append(row.getLong(3)).append(" rows, ").append(row.getString(2))
                        .append(" with indexes\n");
            }
        }
        text.append("- control-plane log: ").append(controlPlane.logFile()).append('\n');
        return text.toString();
    }
}
