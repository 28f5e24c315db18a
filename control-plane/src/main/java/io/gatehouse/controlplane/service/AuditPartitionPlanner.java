package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.AuditPartition;
import io.gatehouse.controlplane.repository.AuditPartitions;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Keeps the audit store's monthly partitions ahead of the events: the current month and the configured number of
 * months after it, and any month up to then whose events wait in the default partition (sent late, or before its
 * partition existed) — those are moved into their own partition, where retention can drop them.
 */
@ApplicationScoped
public class AuditPartitionPlanner {

    private static final Logger LOG = Logger.getLogger(AuditPartitionPlanner.class);

    private final AuditPartitions partitions;
    private final int monthsAhead;

    public AuditPartitionPlanner(AuditPartitions partitions, ControlPlaneConfig config) {
        this.partitions = partitions;
        this.monthsAhead = config.auditPartitions().monthsAhead();
    }

    /** Creates what is missing, each partition in its own transaction on the caller's connection; answers which. */
    public List<AuditPartition> ensure(Connection connection, Instant now) throws SQLException {
        AuditPartition current = AuditPartition.containing(now);
        AuditPartition last = current.plusMonths(monthsAhead);
        TreeSet<AuditPartition> wanted = new TreeSet<>((first, second) -> first.month().compareTo(second.month()));
        for (AuditPartition month = current; !month.month().isAfter(last.month()); month = month.plusMonths(1)) {
            wanted.add(month);
        }
        wanted.addAll(partitions.waitingInDefault(connection, last));
        connection.commit();
        wanted.removeAll(partitions.list(connection));
        List<AuditPartition> created = new ArrayList<>();
        for (AuditPartition partition : wanted) {
            if (partitions.create(connection, partition)) {
                created.add(partition);
                LOG.infof("created audit partition %s (events from %s to %s)", partition.name(), partition.from(),
                        partition.to());
            }
            connection.commit();
        }
        return created;
    }
}
