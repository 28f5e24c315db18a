package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.CallUsage;
import io.gatehouse.controlplane.repository.AdvisoryLock;
import io.gatehouse.controlplane.repository.IdentityLastUse;
import io.gatehouse.controlplane.repository.OperationUsageRepository;
import io.gatehouse.controlplane.repository.UsageRollupRepository;
import io.gatehouse.controlplane.repository.UsageRollupRepository.Backlog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Counts the stored calls into the usage evidence ({@code operation_usage}) and moves identities' last use forward,
 * following each audit chain by sequence number. Ingestion only appends events: counting them there updated the same
 * counter rows from every concurrent batch (a quarter of PostgreSQL's work per event, and lock waits between the
 * streams); here each data plane's calls of the last interval become one upsert. Each slice of a chain is counted in one
 * transaction together with the rollup's position, so every call is counted exactly once, also across restarts.
 * Counters trail the store by about one interval.
 */
@ApplicationScoped
public class UsageRollup {

    private static final Logger LOG = Logger.getLogger(UsageRollup.class);
    /** Sequence numbers per transaction: bounds a transaction after a long backlog (e.g. the control plane was down). */
    static final int SLICE = 20_000;

    private final UsageRollupRepository rollup;
    private final OperationUsageRepository usage;
    private final IdentityLastUse lastUse;
    private final Duration interval;
    private final Counter counted;
    private final Counter failures;
    private PeriodicJob job;

    public UsageRollup(UsageRollupRepository rollup, OperationUsageRepository usage, IdentityLastUse lastUse,
                       ControlPlaneConfig config, MeterRegistry metrics) {
        this.rollup = rollup;
        this.usage = usage;
        this.lastUse = lastUse;
        this.interval = config.usageRollupInterval();
        this.counted = Counter.builder("gatehouse.usage.rollup.calls")
                .description("Stored calls counted into the usage evidence").register(metrics);
        this.failures = Counter.builder("gatehouse.usage.rollup.failures")
                .description("Usage rollup runs that failed (retried at the next interval; nothing is lost)").register(metrics);
    }

    void onStart(@Observes StartupEvent event) {
        job = PeriodicJob.start("usage-rollup", interval, "Counting stored calls into the usage evidence", LOG,
                this::catchUpQuietly);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (job != null) {
            job.close();
        }
    }

    /**
     * Counts every call stored so far that is not counted yet; answers how many calls it counted, or -1 when another
     * replica is rolling up.
     */
    public int catchUp() throws SQLException {
        Optional<AdvisoryLock> lock = rollup.tryLock();
        if (lock.isEmpty()) {
            return -1;
        }
        try (AdvisoryLock held = lock.get()) {
            int calls = 0;
            for (Backlog backlog : rollup.backlogs()) {
                for (long from = backlog.countedSeq(); from < backlog.headSeq(); from += SLICE) {
                    calls += countSlice(backlog.source(), from, Math.min(backlog.headSeq(), from + SLICE));
                }
            }
            return calls;
        }
    }

    private int countSlice(String source, long afterSeq, long throughSeq) {
        int calls = QuarkusTransaction.requiringNew().call(() -> {
            List<CallUsage> stored = rollup.calls(source, afterSeq, throughSeq);
            usage.count(stored);
            lastUse.record(latestAllowedCallPerIdentity(stored));
            rollup.advance(source, throughSeq);
            return stored.size();
        });
        counted.increment(calls);
        return calls;
    }

    private static Map<String, Instant> latestAllowedCallPerIdentity(List<CallUsage> calls) {
        return calls.stream().filter(call -> call.decision() == AuditDecision.ALLOWED)
                .collect(Collectors.toMap(CallUsage::identity, CallUsage::time,
                        (first, second) -> first.isAfter(second) ? first : second));
    }

    private void catchUpQuietly() {
        try {
            catchUp();
        } catch (SQLException | RuntimeException e) {
            failures.increment();
            // one line, no stack: while the database is away this repeats every interval
            LOG.warnf("Could not count stored calls into the usage evidence (%s); retrying in %s. The calls stay"
                    + " in the audit store and are counted then.", e.getMessage(), interval);
        }
    }
}
