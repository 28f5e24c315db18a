package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.audit.CallDecision;
import io.gatehouse.dataplane.masking.MaskingSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The proxy's meters. Labels are only names from the config (resource, masking rule) and small fixed
 * sets (decision, status class): never an identity, a token, a credential, a path or a query string.
 * Latencies are histograms with fixed buckets, so replicas aggregate and quantiles can be computed.
 */
final class ProxyMetrics {

    /** Bucket bounds of both latency histograms: 5 ms to 60 s. */
    static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};
    /** The status class of an upstream exchange that produced no answer (refused, reset, timed out). */
    static final String NO_ANSWER = "none";

    private final MeterRegistry registry;
    // building a timer's id and looking it up in the registry on every call cost more than recording into it
    private final Map<CallKey, Timer> callTimers = new ConcurrentHashMap<>();
    private final Map<UpstreamKey, Timer> upstreamTimers = new ConcurrentHashMap<>();

    ProxyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One call, from its first byte to its recorded end. */
    void call(String resource, CallDecision decision, int status, long nanos) {
        callTimers.computeIfAbsent(new CallKey(resource == null ? "none" : resource, decision, statusClass(status)),
                key -> Timer.builder("gatehouse.proxy.requests")
                        .description("Calls handled by the proxy, from arrival to the end of the answer")
                        .tag("resource", key.resource())
                        .tag("decision", key.decision().name().toLowerCase(Locale.ROOT))
                        .tag("status", key.statusClass())
                        .serviceLevelObjectives(LATENCY_BUCKETS)
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One upstream exchange, from sending the request to the head of its answer; {@code status} 0: none came. */
    void upstream(String resource, int status, long nanos) {
        upstreamTimers.computeIfAbsent(new UpstreamKey(resource, status == 0 ? NO_ANSWER : statusClass(status)),
                key -> Timer.builder("gatehouse.proxy.upstream")
                        .description("Time from sending a call upstream to the head of the upstream's answer")
                        .tag("resource", key.resource())
                        .tag("status", key.statusClass())
                        .serviceLevelObjectives(LATENCY_BUCKETS)
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void masked(String resource, MaskingSummary summary) {
        summary.countsByRule().forEach((rule, count) -> registry.counter("gatehouse.masking.values.masked",
                "resource", resource, "rule", rule).increment(count));
    }

    void echoesScrubbed(String resource, int echoes) {
        registry.counter("gatehouse.proxy.credential.echoes.scrubbed", "resource", resource).increment(echoes);
    }

    /** A call forwarded although the audit spool refused it, because its resource records best-effort. */
    void forwardedBestEffort(String resource) {
        registry.counter("gatehouse.audit.best.effort.calls", "resource", resource).increment();
    }

    /**
     * A call refused because the audit spool is full, and not recorded either: recording refusals would grow the
     * spool past its high-water mark for as long as callers keep calling.
     */
    void refusedUnrecorded(String resource) {
        registry.counter("gatehouse.audit.unrecorded.refusals", "resource", resource == null ? "" : resource).increment();
    }

    private record CallKey(String resource, CallDecision decision, String statusClass) {
    }

    private record UpstreamKey(String resource, String statusClass) {
    }

    /** "2xx" for 200..299 and so on. */
    static String statusClass(int status) {
        return status < 100 || status > 599 ? "other" : (status / 100) + "xx";
    }
}
