package io.gatehouse.bench.auth;

import io.gatehouse.dataplane.auth.TokenAuthenticator;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import org.jose4j.jws.EcdsaUsingShaAlgorithm;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A diagnostic next to {@link TokenBenchmark}, not a benchmark: the CPU time (of the thread doing the work, so time
 * spent waiting for a core on a shared machine is not counted) of token verifications on a cache miss and of
 * cache hits, as verifications per second per core. Arguments: algorithm (RS256, ES256), identities, rounds.
 */
public final class TokenCpuProbe {

    private static final int TOKENS = 1024;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        String algorithm = args.length > 0 ? args[0] : "RS256";
        int identities = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            TestIssuer issuer = TestIssuer.start(vertx);
            PolicySnapshot policy = BoundIdentities.policy(issuer.url(), identities);
            String[] tokens = new String[TOKENS];
            for (int i = 0; i < TOKENS; i++) {
                tokens[i] = issuer.token(algorithm, BoundIdentities.claimValue(i % identities), "jti-" + i);
            }
            Context context = vertx.getOrCreateContext();
            double best = Double.MAX_VALUE;
            for (int round = 0; round < rounds; round++) {
                // a fresh authenticator per round: every token is a miss, the issuer's keys are fetched in the first call
                TokenAuthenticator authenticator = new TokenAuthenticator(vertx, Duration.ofSeconds(30), Duration.ofSeconds(30),
                        16384, List.of("JWT"), TOKENS * 2);
                onContext(context, () -> authenticator.authenticate(tokens[0], policy)).toCompletionStage()
                        .toCompletableFuture().get(30, TimeUnit.SECONDS);
                long nanos = onContext(context, () -> {
                    long start = THREADS.getCurrentThreadCpuTime();
                    for (int i = 1; i < TOKENS; i++) {
                        if (!authenticator.authenticate(tokens[i], policy).succeeded()) {
                            throw new IllegalStateException("token " + i + " was not verified at once");
                        }
                    }
                    return (THREADS.getCurrentThreadCpuTime() - start) / (TOKENS - 1);
                });
                best = Math.min(best, nanos);
            }
            TokenAuthenticator cached = new TokenAuthenticator(vertx, Duration.ofSeconds(30), Duration.ofSeconds(30), 16384,
                    List.of("JWT"));
            onContext(context, () -> cached.authenticate(tokens[1], policy)).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            double bestHit = Double.MAX_VALUE;
            for (int round = 0; round < rounds; round++) {
                long start = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < 100_000; i++) {
                    cached.authenticate(tokens[1], policy).result();
                }
                bestHit = Math.min(bestHit, (THREADS.getCurrentThreadCpuTime() - start) / 100_000.0);
            }
            double signatureOnly = signatureCheckCpuNanos(algorithm, issuer.publicKey(algorithm), tokens, rounds);
            System.out.printf("%s, %d identities: cache miss %.1f µs CPU (%.0f verifications/s per core), cache hit %.2f µs CPU "
                    + "(best of %d rounds); the JDK's signature check alone: %.1f µs CPU%n", algorithm, identities, best / 1000,
                    1e9 / best, bestHit / 1000, rounds, signatureOnly / 1000);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The floor under a cache miss: {@link Signature#verify} of each token's signature, and nothing else (best round).
     * On a machine shared with load tests, compare a miss with this rather than with a number from another day.
     */
    private static double signatureCheckCpuNanos(String algorithm, PublicKey key, String[] tokens, int rounds) throws Exception {
        Signature verifier = Signature.getInstance(algorithm.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSA");
        byte[][] signedBytes = new byte[tokens.length][];
        byte[][] signatures = new byte[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            int lastDot = tokens[i].lastIndexOf('.');
            signedBytes[i] = tokens[i].substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
            byte[] signature = Base64.getUrlDecoder().decode(tokens[i].substring(lastDot + 1));
            signatures[i] = algorithm.equals("RS256") ? signature : EcdsaUsingShaAlgorithm.convertConcatenatedToDer(signature);
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < tokens.length; i++) {
                verifier.initVerify(key);
                verifier.update(signedBytes[i]);
                if (!verifier.verify(signatures[i])) {
                    throw new IllegalStateException("token " + i + " has no valid signature");
                }
            }
            best = Math.min(best, (THREADS.getCurrentThreadCpuTime() - start) / (double) tokens.length);
        }
        return best;
    }

    private static <T> T onContext(Context context, java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            try {
                done.complete(work.call());
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(300, TimeUnit.SECONDS);
    }
}
