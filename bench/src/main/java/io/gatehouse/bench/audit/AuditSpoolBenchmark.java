package io.gatehouse.bench.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.gatehouse.dataplane.audit.AuditSpool;
import io.gatehouse.dataplane.audit.SyncPolicy;
import io.gatehouse.proto.audit.v1.AuditEvent;
import io.gatehouse.proto.audit.v1.Decision;
import io.gatehouse.proto.audit.v1.RecordedBody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * What recording one call costs the proxy's event loop in the data plane's real {@link AuditSpool}: the start
 * record (awaited, as the proxy does before forwarding) and the outcome record, with the default settings
 * (8 MiB segments, sync every 50 ms or not at all). A daemon acknowledges everything written every 200 ms, as the
 * shipper does when the control plane keeps up, so segments roll and are deleted as in production. The spool lives
 * in {@code java.io.tmpdir}; what a device force costs depends on that file system.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xmx1g", "-XX:+UseG1GC"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AuditSpoolBenchmark {

    @Param({"INTERVAL", "NONE"})
    SyncPolicy sync;

    /** metadata: an outcome of about 200 bytes; bodies: the same with two headers and 1 KiB of response body. */
    @Param({"metadata", "bodies"})
    String recording;

    private final AtomicLong calls = new AtomicLong();
    private Path dir;
    private AuditSpool spool;
    private ScheduledExecutorService acknowledger;
    private AuditEvent startTemplate;
    private AuditEvent outcomeTemplate;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("audit-spool-bench-");
        spool = AuditSpool.open(dir, new AuditSpool.Settings(sync, Duration.ofMillis(50), 8L << 20, 64L << 20, 48L << 20));
        acknowledger = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "bench-acknowledger");
            thread.setDaemon(true);
            return thread;
        });
        acknowledger.scheduleWithFixedDelay(() -> spool.acknowledge(spool.lastSequence()), 200, 200, TimeUnit.MILLISECONDS);
        startTemplate = AuditEvent.newBuilder()
                .setTime(Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()))
                .setDataPlaneId("data-plane-7f9c4d6b5-x2x9q").setIdentity("deploy-bot").setResource("bench")
                .setMethod("GET").setPath("/bench/customers/42").build();
        AuditEvent.Builder outcome = startTemplate.toBuilder()
                .setDecision(Decision.DECISION_ALLOWED).setStatus(200)
                .setDuration(com.google.protobuf.Duration.newBuilder().setNanos(1_250_000))
                .setRecordingLevel(recording);
        if (recording.equals("bodies")) {
            outcome.putRequestHeaders("accept", "application/json").putResponseHeaders("content-type", "application/json")
                    .setResponseBody(RecordedBody.newBuilder().setSize(1024).setContentType("application/json")
                            .setContent(ByteString.copyFrom("x".repeat(1024), StandardCharsets.UTF_8)));
        }
        outcomeTemplate = outcome.build();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        acknowledger.shutdownNow();
        spool.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Benchmark
    public void startAndOutcome() {
        recordOneCall();
    }

    @Benchmark
    @Threads(2)
    public void startAndOutcomeTwoThreads() {
        recordOneCall();
    }

    private void recordOneCall() {
        long call = calls.incrementAndGet();
        String requestId = "req-" + call;
        spool.appendStart(startTemplate.toBuilder().setEventId("start-" + call).setRequestId(requestId).build()).join();
        spool.appendOutcome(outcomeTemplate.toBuilder().setEventId("event-" + call).setRequestId(requestId).build());
    }
}
