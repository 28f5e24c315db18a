package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.AuditPartition;
import io.gatehouse.controlplane.repository.AdvisoryLock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The audit store's maintenance job: at start and then at every check interval, creates the monthly partitions ahead
 * of time and applies retention. Every replica schedules it; a PostgreSQL advisory lock lets one run at a time (the
 * others skip that round).
 */
@ApplicationScoped
public class AuditStoreMaintenance {

    private static final Logger LOG = Logger.getLogger(AuditStoreMaintenance.class);
    /** An arbitrary constant: the advisory lock of the maintenance job. */
    static final long MAINTENANCE_LOCK = 0x6761746568_6d61L;
    /** Partition DDL waits at most this long for ingestion's locks, rather than queueing every writer behind it. */
    private static final String LOCK_TIMEOUT = "10s";

    private final AgroalDataSource dataSource;
    private final AuditPartitionPlanner planner;
    private final AuditRetention retention;
    private final Clock clock;
    private final ControlPlaneConfig.AuditRetention retentionConfig;
    private final Optional<String> forwardingSink;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-store-maintenance");
        thread.setDaemon(true);
        return thread;
    });

    public AuditStoreMaintenance(AgroalDataSource dataSource, AuditPartitionPlanner planner, AuditRetention retention,
                                 Clock clock, ControlPlaneConfig config) {
        this.dataSource = dataSource;
        this.planner = planner;
        this.retention = retention;
        this.clock = clock;
        this.retentionConfig = config.auditRetention();
        this.forwardingSink = config.auditForward().otlpEndpoint().map(OtlpHttpLogSink::nameFor);
    }

    void onStart(@Observes StartupEvent event) {
        retentionConfig.keep().ifPresentOrElse(
                keep -> LOG.infof("Audit retention: monthly partitions older than %s are dropped (checked every %s)",
                        keep, retentionConfig.checkInterval()),
                () -> LOG.infof("Audit retention is off: audit events are kept forever"));
        long interval = retentionConfig.checkInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runQuietly, 0, interval, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        scheduler.shutdownNow();
    }

    /** One round with the configured retention. */
    public Run run() throws SQLException {
        return run(clock.instant(), retentionConfig.keep(), forwardingSink);
    }

    /** One round as of {@code now}: partitions ahead, then retention with {@code keep} (none: nothing dropped). */
    public Run run(Instant now, Optional<Duration> keep, Optional<String> sink) throws SQLException {
        Optional<AdvisoryLock> lock = AdvisoryLock.tryAcquire(dataSource, MAINTENANCE_LOCK);
        if (lock.isEmpty()) {
            return Run.SKIPPED;
        }
        try (AdvisoryLock held = lock.get()) {
            Connection connection = held.connection();
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET lock_timeout = '" + LOCK_TIMEOUT + "'");
            }
            try {
                connection.setAutoCommit(false);
                List<AuditPartition> created = planner.ensure(connection, now);
                List<AuditPartition> dropped = keep.isEmpty() ? List.of()
                        : retention.apply(connection, now, keep.get(), sink);
                return new Run(true, created, dropped);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
                try (Statement settings = connection.createStatement()) {
                    settings.execute("RESET lock_timeout");
                }
            }
        }
    }

    private void runQuietly() {
        try {
            run();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("audit store maintenance failed (%s); retrying in %s", e.getMessage(), retentionConfig.checkInterval());
        }
    }

    /** What one round did; {@code ran} is false when another replica held the lock. */
    public record Run(boolean ran, List<AuditPartition> created, List<AuditPartition> dropped) {
        static final Run SKIPPED = new Run(false, List.of(), List.of());
    }
}
