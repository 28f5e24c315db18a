package io.gatehouse.bench.snapshot;

import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.domain.PolicySnapshot;
import io.gatehouse.controlplane.grpc.SnapshotProtoMapper;
import io.gatehouse.controlplane.service.SnapshotVersioner;
import io.gatehouse.dataplane.authz.AccessDeniedException;
import io.gatehouse.dataplane.authz.Authorization;
import io.gatehouse.dataplane.authz.Authorizer;
import io.gatehouse.dataplane.masking.MaskingRuleCompiler;
import io.gatehouse.dataplane.policy.Identity;
import io.gatehouse.dataplane.snapshot.SnapshotMapper;
import io.gatehouse.proto.config.v1.ConfigSnapshot;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The cost of a large policy (issue #3: 10,000 identities, 50,000 grants): on the control plane,
 * versioning a snapshot (canonical JSON + SHA-256) and encoding it for the stream; on the data plane,
 * decoding and compiling it, and the per-request lookup (route + grants of the identity on the
 * resource + operation match), which must not depend on the number of grants.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-XX:+UseG1GC"})
public class SnapshotBenchmark {

    private static final int LOOKUPS = 4096;

    @Param({"10000"})
    int identities;

    @Param({"200"})
    int resources;

    @Param({"5"})
    int grantsPerIdentity;

    private final SnapshotVersioner versioner = new SnapshotVersioner();
    private final SnapshotProtoMapper protoMapper = new SnapshotProtoMapper();
    private final MaskingRuleCompiler maskingCompiler = new MaskingRuleCompiler(Optional.empty());
    private PolicyModel model;
    private PolicySnapshot snapshot;
    private ConfigSnapshot message;
    private io.gatehouse.dataplane.policy.PolicySnapshot compiled;
    private Identity[] callers;
    private String[] paths;
    private String[] methods;
    private int next;

    @Setup(Level.Trial)
    public void buildThePolicy() {
        model = SyntheticPolicy.model(identities, resources, grantsPerIdentity);
        snapshot = new PolicySnapshot(versioner.version(model), 1, Instant.now(), model);
        message = protoMapper.toProto(snapshot, "nonce");
        compiled = SnapshotMapper.toPolicy(message, maskingCompiler);
        Map<String, Identity> byName = compiled.identities().stream()
                .collect(Collectors.toMap(Identity::name, Function.identity()));
        SplittableRandom random = new SplittableRandom(42);
        callers = new Identity[LOOKUPS];
        paths = new String[LOOKUPS];
        methods = new String[LOOKUPS];
        for (int n = 0; n < LOOKUPS; n++) {
            int i = random.nextInt(identities);
            callers[n] = byName.get(SyntheticPolicy.identity(i));
            // nine in ten calls are granted; the tenth goes to a resource the identity has no grant on
            int resource = n % 10 == 9
                    ? SyntheticPolicy.resourceOf(i, grantsPerIdentity, resources)
                    : SyntheticPolicy.resourceOf(i, random.nextInt(grantsPerIdentity), resources);
            paths[n] = SyntheticPolicy.prefix(resource) + (n % 2 == 0 ? "/items/" + n : "/orders/2026/" + n);
            methods[n] = "GET";
        }
        System.out.printf("%nsnapshot: %d identities, %d resources, %d grants; encoded %,d bytes%n",
                model.identities().size(), model.resources().size(), model.grants().size(), message.getSerializedSize());
    }

    /** Control plane, per change: version (canonical JSON + SHA-256) and encode the snapshot message. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 5)
    @Measurement(iterations = 5, time = 5)
    public byte[] controlPlaneVersionAndEncode() {
        PolicySnapshot built = new PolicySnapshot(versioner.version(model), 2, Instant.now(), model);
        return protoMapper.toProto(built, "nonce").toByteArray();
    }

    /** Data plane, per snapshot received: decode, validate references and compile (indexes, patterns). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 5)
    @Measurement(iterations = 5, time = 5)
    public io.gatehouse.dataplane.policy.PolicySnapshot dataPlaneDecodeAndCompile() throws Exception {
        return SnapshotMapper.toPolicy(ConfigSnapshot.parseFrom(message.toByteArray()), maskingCompiler);
    }

    /** Data plane, per request: route, grants of the identity on the resource, operation match. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 3)
    @Measurement(iterations = 5, time = 3)
    public void dataPlaneLookupPerRequest(Blackhole sink) {
        int n = next++ & (LOOKUPS - 1);
        try {
            Authorization granted = Authorizer.authorize(compiled, callers[n], methods[n], paths[n], snapshot.generatedAt());
            sink.consume(granted);
        } catch (AccessDeniedException denied) {
            sink.consume(denied);
        }
    }
}
