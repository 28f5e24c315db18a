package io.gatehouse.controlplane.repository;

import io.gatehouse.controlplane.domain.AuditChainRun;
import io.gatehouse.controlplane.domain.AuditPartition;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The monthly partitions of {@code audit_event} (migration V15): which exist, creating one (moving its rows out of
 * the default partition), what of each hash chain one holds, and dropping one. Every method works on the caller's
 * connection and transaction.
 */
@ApplicationScoped
public class AuditPartitions {

    /** The existing monthly partitions, oldest first (the default partition is not one of them). */
    public List<AuditPartition> list(Connection connection) throws SQLException {
        List<AuditPartition> partitions = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT c.relname FROM pg_inherits i"
                + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_event'::regclass");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                AuditPartition.ofName(rows.getString(1)).ifPresent(partitions::add);
            }
        }
        partitions.sort((first, second) -> first.month().compareTo(second.month()));
        return partitions;
    }

    /** Creates the partition unless it exists, moving the rows of its month out of the default partition. */
    public boolean create(Connection connection, AuditPartition partition) throws SQLException {
        try (PreparedStatement create = connection.prepareStatement("SELECT audit_event_create_partition(?)")) {
            create.setObject(1, partition.month().atDay(1));
            try (ResultSet row = create.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** The months, up to {@code last}, of events waiting in the default partition for a partition of their own. */
    public List<AuditPartition> waitingInDefault(Connection connection, AuditPartition last) throws SQLException {
        List<AuditPartition> months = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT date_trunc('month', event_time"
                + " AT TIME ZONE 'UTC')::date FROM audit_event_default WHERE event_time < ? ORDER BY 1")) {
            query.setObject(1, last.to().atOffset(ZoneOffset.UTC));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    months.add(new AuditPartition(YearMonth.from(rows.getObject(1, java.time.LocalDate.class))));
                }
            }
        }
        return months;
    }

    /**
     * What of each hash chain the partition holds, as runs of consecutive sequence numbers, each with the hash of
     * its last event (a chain's events are mostly one run; a late event of another month splits it).
     */
    public List<AuditChainRun> chainRuns(Connection connection, AuditPartition partition) throws SQLException {
        List<AuditChainRun> runs = new ArrayList<>();
        // gaps and islands: within a run, chain_seq minus its rank is constant
        String table = partition.name();
        try (PreparedStatement query = connection.prepareStatement("SELECT run.chain_source, run.first_seq, run.last_seq,"
                + " tail.hash FROM (SELECT chain_source, min(chain_seq) AS first_seq, max(chain_seq) AS last_seq FROM"
                + " (SELECT chain_source, chain_seq, chain_seq - row_number() OVER (PARTITION BY chain_source"
                + " ORDER BY chain_seq) AS island FROM " + table + " WHERE chain_source IS NOT NULL) AS ranked"
                + " GROUP BY chain_source, island) AS run JOIN " + table + " AS tail ON tail.chain_source = run.chain_source"
                + " AND tail.chain_seq = run.last_seq ORDER BY run.chain_source, run.first_seq");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                runs.add(new AuditChainRun(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getBytes(4)));
            }
        }
        return runs;
    }

    /** How many events the partition holds (chained or not). */
    public long events(Connection connection, AuditPartition partition) throws SQLException {
        try (Statement query = connection.createStatement();
             ResultSet row = query.executeQuery("SELECT count(*) FROM " + partition.name())) {
            row.next();
            return row.getLong(1);
        }
    }

    public void drop(Connection connection, AuditPartition partition) throws SQLException {
        try (Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE " + partition.name());
        }
    }
}
