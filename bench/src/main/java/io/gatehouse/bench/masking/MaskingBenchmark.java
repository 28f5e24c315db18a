package io.gatehouse.bench.masking;

import io.gatehouse.dataplane.masking.BodyMasker;
import io.gatehouse.dataplane.masking.HashTokenizer;
import io.gatehouse.dataplane.masking.JsonBodyMasker;
import io.gatehouse.dataplane.masking.MaskingLimits;
import io.gatehouse.dataplane.masking.MaskingPolicy;
import io.gatehouse.dataplane.masking.MaskingRuleCompiler;
import io.gatehouse.dataplane.masking.TextBodyMasker;
import io.gatehouse.proto.config.v1.Detector;
import io.gatehouse.proto.config.v1.HashToken;
import io.gatehouse.proto.config.v1.MaskingAction;
import io.gatehouse.proto.config.v1.MaskingRule;
import io.gatehouse.proto.config.v1.Partial;
import io.gatehouse.proto.config.v1.Resource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Masking a 1 MiB body fed in 16 KiB chunks (the size of the proxy's buffers), in the same run as
 * its baselines: {@code jsonNoRules}, the same streaming pass with no rule (every byte validated,
 * every token copied through) — the plain streaming copy the masking cost is judged against — and,
 * for context only, {@code plainCopy}, a raw copy of the chunks that looks at nothing. Each
 * operation is one whole body, so MB/s = 1.048576 / (ms/op) × 1000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx512m", "-XX:+UseG1GC"})
public class MaskingBenchmark {

    static final int MIB = 1024 * 1024;
    static final int CHUNK = 16 * 1024;

    private byte[][] jsonChunks;
    private byte[][] textChunks;
    private MaskingPolicy noRules;
    private MaskingPolicy fieldRules;
    private MaskingPolicy allRules;

    @Setup
    public void setUp() {
        jsonChunks = chunks(MaskingDocuments.json(MIB));
        textChunks = chunks(MaskingDocuments.text(MIB));
        noRules = MaskingPolicy.NONE;
        fieldRules = MaskingDocuments.fieldRules();
        allRules = MaskingDocuments.allRules();
    }

    /** For context: a raw copy of the chunks, nothing validated (no JSON masker can come near it). */
    @Benchmark
    public long plainCopy(Blackhole sink) {
        byte[] out = new byte[CHUNK];
        long total = 0;
        for (byte[] chunk : jsonChunks) {
            System.arraycopy(chunk, 0, out, 0, chunk.length);
            sink.consume(out);
            total += chunk.length;
        }
        return total;
    }

    /** The baseline: the same streaming pass (validate, copy every token through) with no rule. */
    @Benchmark
    public long jsonNoRules(Blackhole sink) throws Exception {
        return run(new JsonBodyMasker(noRules, MaskingLimits.DEFAULTS, false), jsonChunks, sink);
    }

    @Benchmark
    public long jsonFieldAndPathRules(Blackhole sink) throws Exception {
        return run(new JsonBodyMasker(fieldRules, MaskingLimits.DEFAULTS, false), jsonChunks, sink);
    }

    @Benchmark
    public long jsonFieldPathAndAllDetectors(Blackhole sink) throws Exception {
        return run(new JsonBodyMasker(allRules, MaskingLimits.DEFAULTS, false), jsonChunks, sink);
    }

    @Benchmark
    public long textAllDetectors(Blackhole sink) throws Exception {
        return run(new TextBodyMasker(allRules, MaskingLimits.DEFAULTS, StandardCharsets.UTF_8), textChunks, sink);
    }

    static long run(BodyMasker masker, byte[][] chunks, Blackhole sink) throws Exception {
        long total = 0;
        for (byte[] chunk : chunks) {
            byte[] out = masker.feed(chunk);
            total += out.length;
            sink.consume(out);
        }
        byte[] tail = masker.finish();
        sink.consume(tail);
        return total + tail.length;
    }

    static byte[][] chunks(byte[] body) {
        int count = (body.length + CHUNK - 1) / CHUNK;
        byte[][] chunks = new byte[count][];
        for (int i = 0; i < count; i++) {
            chunks[i] = Arrays.copyOfRange(body, i * CHUNK, Math.min(body.length, (i + 1) * CHUNK));
        }
        return chunks;
    }

    /** The documents and rule sets of the masking measurements. */
    public static final class MaskingDocuments {

        private MaskingDocuments() {
        }

        /** A JSON API answer of about {@code size} bytes: customers with a few sensitive fields each. */
        public static byte[] json(int size) {
            StringBuilder json = new StringBuilder(size + 512).append("{\"customers\":[");
            int i = 0;
            while (json.length() < size - 400) {
                json.append(i == 0 ? "" : ",")
                        .append("{\"id\":").append(i)
                        .append(",\"name\":\"Customer ").append(i)
                        .append("\",\"ssn\":\"123-45-").append(String.format("%04d", 1000 + i % 9000))
                        .append("\",\"email\":\"customer").append(i).append("@example.com\"")
                        .append(",\"card\":{\"number\":\"4111 1111 1111 1111\",\"expiry\":\"12/30\"}")
                        .append(",\"balance\":").append(i * 13.37)
                        .append(",\"tags\":[\"gold\",\"eu\",\"active\"],\"note\":\"regular customer since 2019, prefers e-mail\"}");
                i++;
            }
            return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        }

        /** Log-like text of about {@code size} bytes with an occasional sensitive value. */
        public static byte[] text(int size) {
            StringBuilder text = new StringBuilder(size + 256);
            int i = 0;
            while (text.length() < size - 200) {
                text.append("2026-11-29T10:00:").append(i % 60).append("Z INFO request ").append(i)
                        .append(" served in 12 ms for tenant acme, path /api/v1/orders/").append(i);
                if (i % 20 == 0) {
                    text.append(" card 4111 1111 1111 1111 owner ada@example.com");
                }
                text.append('\n');
                i++;
            }
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }

        public static MaskingPolicy fieldRules() {
            return compile(Resource.newBuilder().addMaskedFields("ssn")
                    .addMaskingRules(MaskingRule.newBuilder().setPath("$..card.number")
                            .setAction(MaskingAction.newBuilder().setPartial(Partial.newBuilder().setKeepLast(4))))
                    .addMaskingRules(MaskingRule.newBuilder().setField("email")
                            .setAction(MaskingAction.newBuilder().setHash(HashToken.getDefaultInstance()))));
        }

        public static MaskingPolicy allRules() {
            Resource.Builder resource = Resource.newBuilder().addMaskedFields("ssn")
                    .addMaskingRules(MaskingRule.newBuilder().setPath("$..card.number")
                            .setAction(MaskingAction.newBuilder().setPartial(Partial.newBuilder().setKeepLast(4))))
                    .addMaskingRules(MaskingRule.newBuilder().setField("email")
                            .setAction(MaskingAction.newBuilder().setHash(HashToken.getDefaultInstance())));
            for (Detector detector : Detector.values()) {
                if (detector != Detector.DETECTOR_UNSPECIFIED && detector != Detector.UNRECOGNIZED) {
                    resource.addMaskingRules(MaskingRule.newBuilder().setDetector(detector));
                }
            }
            return compile(resource);
        }

        private static MaskingPolicy compile(Resource.Builder resource) {
            return new MaskingRuleCompiler(Optional.of(HashTokenizer.fromSecret("benchmark-key-of-at-least-thirty-two-bytes")))
                    .compile(resource.setName("bench").build());
        }
    }
}
