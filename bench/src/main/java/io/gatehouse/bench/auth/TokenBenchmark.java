package io.gatehouse.bench.auth;

import io.gatehouse.dataplane.auth.AuthenticatedCaller;
import io.gatehouse.dataplane.auth.TokenAuthenticator;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bearer token verification with the data plane's own {@link TokenAuthenticator} (its JWKS cache, fed by a
 * local OIDC discovery endpoint, and its verified-token cache), against a policy whose identities are all bound
 * to the token's issuer, one claim value each.
 * <ul>
 *   <li>{@code cacheHit}: the same token again — digest lookup in the verified-token cache and identity resolution;</li>
 *   <li>{@code cacheMiss}: distinct tokens, more of them than the cache holds, so every one is parsed, its
 *       signature checked with the cached JWKS key, its claims validated and its identity resolved. Runs on
 *       the authenticator's event-loop context, as in the proxy, {@value #BATCH} tokens per hop.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xmx1g", "-XX:+UseG1GC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TokenBenchmark {

    static final int BATCH = 64;
    private static final int DISTINCT_TOKENS = 1024;
    /** Fewer entries than distinct tokens: cycling through them, each one was evicted before it comes back. */
    private static final int MISS_CACHE_ENTRIES = DISTINCT_TOKENS / 4;

    @Param({"RS256", "ES256"})
    String algorithm;

    @Param({"1", "10000"})
    int identities;

    private Vertx vertx;
    private Context context;
    private TestIssuer issuer;
    private PolicySnapshot policy;
    private TokenAuthenticator hitting;
    private TokenAuthenticator missing;
    private String cachedToken;
    private String[] distinctTokens;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        issuer = TestIssuer.start(vertx);
        policy = BoundIdentities.policy(issuer.url(), identities);
        hitting = authenticator(50_000);
        missing = authenticator(MISS_CACHE_ENTRIES);
        distinctTokens = new String[DISTINCT_TOKENS];
        for (int i = 0; i < DISTINCT_TOKENS; i++) {
            distinctTokens[i] = issuer.token(algorithm, BoundIdentities.claimValue(i % identities), "jti-" + i);
        }
        cachedToken = distinctTokens[identities / 2 % DISTINCT_TOKENS];
        context = vertx.getOrCreateContext();
        // the first call fetches the issuer's keys (on the context, like the proxy); both authenticators share nothing
        onContext(() -> hitting.authenticate(cachedToken, policy)).get(30, TimeUnit.SECONDS);
        onContext(() -> missing.authenticate(distinctTokens[0], policy)).get(30, TimeUnit.SECONDS);
    }

    private TokenAuthenticator authenticator(int cacheEntries) {
        return new TokenAuthenticator(vertx, Duration.ofSeconds(30), Duration.ofSeconds(30), 16384,
                List.of("JWT", "at+jwt", "application/at+jwt"), cacheEntries);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public AuthenticatedCaller cacheHit() {
        return hitting.authenticate(cachedToken, policy).result();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public Object cacheMiss() throws Exception {
        CompletableFuture<Object> done = new CompletableFuture<>();
        context.runOnContext(ignored -> verifyBatch(BATCH, done));
        return done.get(30, TimeUnit.SECONDS);
    }

    /** One token after the other; each continues the batch when its verification completes. */
    private void verifyBatch(int remaining, CompletableFuture<Object> done) {
        String token = distinctTokens[next++ & (DISTINCT_TOKENS - 1)];
        missing.authenticate(token, policy).onComplete(result -> {
            if (result.failed()) {
                done.completeExceptionally(result.cause());
            } else if (remaining == 1) {
                done.complete(result.result());
            } else {
                verifyBatch(remaining - 1, done);
            }
        });
    }

    private CompletableFuture<AuthenticatedCaller> onContext(java.util.function.Supplier<io.vertx.core.Future<AuthenticatedCaller>> call) {
        CompletableFuture<AuthenticatedCaller> done = new CompletableFuture<>();
        context.runOnContext(ignored -> call.get().onComplete(result -> {
            if (result.succeeded()) {
                done.complete(result.result());
            } else {
                done.completeExceptionally(result.cause());
            }
        }));
        return done;
    }
}
