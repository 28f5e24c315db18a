package io.gatehouse.controlplane.repository;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.CallUsage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the usage rollup stands in each audit hash chain, and the stored calls it has still to count. A chain is read
 * by sequence number, which per source is commit order (its head is locked by every batch until commit), so a
 * position never passes an event that is not visible yet.
 */
@ApplicationScoped
public class UsageRollupRepository {

    /** An arbitrary constant: the advisory lock that lets one control-plane replica roll usage up at a time. */
    private static final long ROLLUP_LOCK = 0x6761746568_7572L;

    private final AgroalDataSource dataSource;

    public UsageRollupRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A chain with events the rollup has not counted: those after {@code countedSeq} up to {@code headSeq}. */
    public record Backlog(String source, long countedSeq, long headSeq) {
    }

    /** Every chain whose head is past the rollup's position in it. */
    public List<Backlog> backlogs() throws SQLException {
        List<Backlog> backlogs = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT h.source, coalesce(p.last_seq, 0), h.last_seq"
                     + " FROM audit_chain_head h LEFT JOIN usage_rollup_position p ON p.source = h.source"
                     + " WHERE h.last_seq > coalesce(p.last_seq, 0) ORDER BY h.source");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                backlogs.add(new Backlog(rows.getString(1), rows.getLong(2), rows.getLong(3)));
            }
        }
        return backlogs;
    }

    /** The calls with an identity among the events of chain {@code source} after {@code afterSeq} through {@code throughSeq}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<CallUsage> calls(String source, long afterSeq, long throughSeq) throws SQLException {
        List<CallUsage> calls = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT identity, event_time, resource, method, route,"
                     + " decision, approval_id IS NOT NULL,"
                     + " (SELECT coalesce(sum(count::bigint), 0) FROM jsonb_each_text(masked_values) AS m (rule, count))"
                     + " FROM audit_event WHERE chain_source = ? AND chain_seq > ? AND chain_seq <= ?"
                     + " AND kind = 'call' AND identity IS NOT NULL")) {
            query.setString(1, source);
            query.setLong(2, afterSeq);
            query.setLong(3, throughSeq);
            query.setFetchSize(2_000);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    calls.add(new CallUsage(rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant(),
                            rows.getString(3), rows.getString(4), rows.getString(5),
                            AuditDecision.fromStored(rows.getString(6)), rows.getBoolean(7), rows.getLong(8)));
                }
            }
        }
        return calls;
    }

    /** Moves the rollup's position in chain {@code source} to {@code seq} (never backwards). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(String source, long seq) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("INSERT INTO usage_rollup_position (source, last_seq)"
                     + " VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET last_seq = GREATEST("
                     + "usage_rollup_position.last_seq, EXCLUDED.last_seq), updated_at = now()")) {
            upsert.setString(1, source);
            upsert.setLong(2, seq);
            upsert.executeUpdate();
        }
    }

    /** Holds the rollup lock on its own connection until the returned lock is closed; empty when another replica holds it. */
    public Optional<AdvisoryLock> tryLock() throws SQLException {
        return AdvisoryLock.tryAcquire(dataSource, ROLLUP_LOCK);
    }
}
