package io.gatehouse.dataplane.testing;

import io.gatehouse.dataplane.proxy.ProxyDrain;
import io.gatehouse.dataplane.assertion.AssertionSigningKey;
import io.gatehouse.dataplane.assertion.IdentityAssertionSigner;
import io.gatehouse.dataplane.PolicyFixtures;
import io.gatehouse.dataplane.approval.ApprovalGate;
import io.gatehouse.dataplane.audit.AuditShipper;
import io.gatehouse.dataplane.audit.CallRecord;
import io.gatehouse.dataplane.audit.AuditUnavailableException;
import io.gatehouse.dataplane.audit.CallStart;
import io.gatehouse.dataplane.auth.TokenAuthenticator;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.credential.CredentialCache;
import io.gatehouse.dataplane.credential.OAuth2AccessTokens;
import io.gatehouse.dataplane.credential.UpstreamCredential;
import io.gatehouse.dataplane.masking.MaskingPolicy;
import io.gatehouse.dataplane.policy.Grant;
import io.gatehouse.dataplane.policy.IdentityStatus;
import io.gatehouse.dataplane.policy.CredentialInjection;
import io.gatehouse.dataplane.policy.InjectionStyle;
import io.gatehouse.dataplane.policy.PathPattern;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import io.gatehouse.dataplane.policy.Resource;
import io.gatehouse.dataplane.proxy.ProxyRequestHandler;
import io.gatehouse.dataplane.ratelimit.IdentityRateLimiter;
import io.gatehouse.dataplane.proxy.ProxyServerAccess;
import io.gatehouse.dataplane.snapshot.PolicyHolder;
import io.quarkus.runtime.configuration.DurationConverter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The proxy's real request path and listener ({@link ProxyRequestHandler} behind the server the
 * service opens), on an ephemeral port, with a real issuer and real upstreams, and in-memory
 * stand-ins only for the gRPC dependencies: the vault broker (a fixed credential) and the audit
 * spool (records kept in a list). Identity "deploy" may call every method on every resource.
 */
public final class ProxyTestBed implements AutoCloseable {

    public static final String IDENTITY = "deploy";

    private final Vertx vertx;
    private final TestIssuer issuer;
    private final HttpServer proxy;
    private final List<CallRecord> auditRecords;
    private final MeterRegistry metrics;
    private final AssertionSigningKey assertionKey;
    private final ProxyDrain drain;

    private ProxyTestBed(Vertx vertx, TestIssuer issuer, HttpServer proxy, List<CallRecord> auditRecords, MeterRegistry metrics,
                         AssertionSigningKey assertionKey, ProxyDrain drain) {
        this.assertionKey = assertionKey;
        this.drain = drain;
        this.vertx = vertx;
        this.issuer = issuer;
        this.proxy = proxy;
        this.auditRecords = auditRecords;
        this.metrics = metrics;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return proxy.actualPort();
    }

    /** The graceful-shutdown drain of this proxy. */
    public ProxyDrain drain() {
        return drain;
    }

    /** The key the proxy signs identity assertions with. */
    public AssertionSigningKey assertionKey() {
        return assertionKey;
    }

    public TestIssuer issuer() {
        return issuer;
    }

    public String token() {
        return issuer.tokenFor(IDENTITY);
    }

    public Vertx vertx() {
        return vertx;
    }

    public List<CallRecord> auditRecords() {
        return List.copyOf(auditRecords);
    }

    public MeterRegistry metrics() {
        return metrics;
    }

    public RawHttp connect() throws IOException {
        return new RawHttp(port());
    }

    /** {@code GET target} as identity "deploy", on a connection of its own. */
    public RawHttp.Response get(String target) throws IOException {
        try (RawHttp connection = connect()) {
            return connection.send("GET " + target + " HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + token() + "\r\n\r\n").read();
        }
    }

    /** The audit record of the call to {@code path}, which is written just after its answer. */
    public CallRecord awaitRecord(String path) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            var found = auditRecords.stream().filter(record -> record.path().equals(path)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no audit record of " + path + " in " + auditRecords);
    }

    /**
     * The audit record of the call whose answer carried {@code requestId} (written just after the answer): waits,
     * woken by each record written, at most {@code timeout}.
     */
    public CallRecord awaitRecordOfRequest(String requestId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (auditRecords) {
            while (true) {
                var found = auditRecords.stream().filter(record -> requestId.equals(record.requestId())).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no audit record of request " + requestId + " in " + auditRecords);
                }
                TimeUnit.NANOSECONDS.timedWait(auditRecords, left);
            }
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static final class Builder {
        private final List<Resource> resources = new ArrayList<>();
        private final Map<String, String> settings = new HashMap<>();
        private Duration drainReadyDelay = Duration.ZERO;
        private Duration drainTimeout = Duration.ofSeconds(10);
        private String secret = "upstream-secret-value";
        private Vertx vertx;
        private boolean spoolFull;
        private MeterRegistry registry;
        private Clock oauth2Clock = Clock.systemUTC();

        public Builder vertx(Vertx vertx) {
            this.vertx = vertx;
            return this;
        }

        /** A resource at {@code /<name>} forwarding to {@code upstream} with the credential as a bearer token. */
        public Builder resource(String name, URI upstream) {
            return resource(name, upstream, MaskingPolicy.NONE);
        }

        public Builder resource(String name, URI upstream, MaskingPolicy masking) {
            resources.add(new Resource(name, "/" + name, upstream, CredentialInjection.of(InjectionStyle.BEARER), masking, Duration.ofSeconds(10), null));
            return this;
        }

        /** A resource as given (its own prefix, injection, masking and recording). */
        public Builder resource(Resource resource) {
            resources.add(resource);
            return this;
        }

        /** Makes the audit stand-in refuse every call's start, as a spool above its high-water mark does. */
        public Builder spoolFull() {
            this.spoolFull = true;
            return this;
        }

        /** The credential the vault broker stand-in hands out for every resource. */
        public Builder credential(String secret) {
            this.secret = secret;
            return this;
        }

        /** Where the proxy's meters go (a Prometheus registry to read a scrape); a simple registry by default. */
        public Builder metrics(MeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        /** The clock that decides when a cached OAuth2 access token has expired. */
        public Builder oauth2Clock(Clock clock) {
            this.oauth2Clock = clock;
            return this;
        }

        /** How the proxy drains when {@link ProxyServerAccess#runDrain} is called. */
        public Builder drain(Duration readyDelay, Duration timeout) {
            this.drainReadyDelay = readyDelay;
            this.drainTimeout = timeout;
            return this;
        }

        /** Any {@code gatehouse.*} setting, over application.properties. */
        public Builder setting(String key, String value) {
            settings.put(key, value);
            return this;
        }

        public ProxyTestBed start() throws Exception {
            Vertx vx = vertx != null ? vertx : Vertx.vertx();
            DataPlaneConfig config = config(settings);
            TestIssuer issuer = TestIssuer.start(vx);
            List<Grant> grants = resources.stream().map(resource -> new Grant(IDENTITY, resource.name(),
                    Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"), List.of(PathPattern.compile("/**")), null, null)).toList();
            PolicySnapshot policy = new PolicySnapshot("test", Instant.now(), List.of(PolicyFixtures.identity(IDENTITY, issuer.url(),
                    IdentityStatus.ACTIVE, Instant.now().plusSeconds(3600))), resources, grants);
            PolicyHolder policies = new PolicyHolder(config);
            policies.install(policy, Instant.now());
            policies.connectionUp();
            List<CallRecord> records = new CopyOnWriteArrayList<>();
            MeterRegistry metrics = registry != null ? registry : new SimpleMeterRegistry();
            AssertionSigningKey assertionKey = new AssertionSigningKey();
            ProxyDrain drain = ProxyServerAccess.drain(drainReadyDelay, drainTimeout);
            ProxyRequestHandler handler = new ProxyRequestHandler(policies, new TokenAuthenticator(vx, config),
                    new IdentityRateLimiter(), new ApprovalGate(null, config), new FixedCredential(config, secret), new OAuth2AccessTokens(vx, config, oauth2Clock),
                    new InMemoryAudit(config, records, spoolFull), new IdentityAssertionSigner(assertionKey, config),
                    drain, vx, config, metrics);
            HttpServer server = ProxyServerAccess.create(vx, config.proxy(), handler, metrics, drain).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return new ProxyTestBed(vx, issuer, server, records, metrics, assertionKey, drain);
        }
    }

    /** application.properties with the given overrides, mapped the way the service maps it. */
    public static DataPlaneConfig config(Map<String, String> overrides) throws IOException {
        Map<String, String> values = new HashMap<>(Map.of("gatehouse.proxy.port", "0", "gatehouse.data-plane.id", "test-dp"));
        values.putAll(overrides);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test-overrides", 500))
                .withSources(new PropertiesConfigSource(ProxyTestBed.class.getResource("/application.properties"), 100))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(DataPlaneConfig.class)
                .build();
        return config.getConfigMapping(DataPlaneConfig.class);
    }

    private static final class FixedCredential extends CredentialCache {
        private final String secret;

        FixedCredential(DataPlaneConfig config, String secret) {
            super(null, null, config);
            this.secret = secret;
        }

        @Override
        public Uni<UpstreamCredential> credentialFor(String resource) {
            return Uni.createFrom().item(new UpstreamCredential(resource, secret, Instant.now().plusSeconds(3600)));
        }
    }

    private static final class InMemoryAudit extends AuditShipper {
        private final List<CallRecord> records;
        private final boolean full;

        InMemoryAudit(DataPlaneConfig config, List<CallRecord> records, boolean full) {
            super(null, config);
            this.records = records;
            this.full = full;
        }

        @Override
        public CompletionStage<Void> admit(CallStart start) {
            return full ? CompletableFuture.failedFuture(new AuditUnavailableException("the audit spool is full (test)"))
                    : CompletableFuture.completedFuture(null);
        }

        @Override
        public void record(CallRecord record) {
            records.add(record);
            synchronized (records) {
                records.notifyAll();
            }
        }
    }
}
