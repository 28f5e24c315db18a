package io.gatehouse.controlplane.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Where each audit forwarding sink stands in each source's hash chain. */
@ApplicationScoped
public class AuditForwardPositions {

    /** An arbitrary constant: the advisory lock that lets one control-plane replica forward at a time. */
    private static final long FORWARDING_LOCK = 0x6761746568_6677L;

    private final AgroalDataSource dataSource;

    public AuditForwardPositions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long lastSeq(String sink, String source) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT last_seq FROM audit_forward_position WHERE sink = ? AND source = ?")) {
            query.setString(1, sink);
            query.setString(2, source);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    public void advance(String sink, String source, long seq) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("INSERT INTO audit_forward_position (sink, source, last_seq)"
                     + " VALUES (?, ?, ?) ON CONFLICT (sink, source) DO UPDATE SET last_seq = GREATEST("
                     + "audit_forward_position.last_seq, EXCLUDED.last_seq), updated_at = now()")) {
            upsert.setString(1, sink);
            upsert.setString(2, source);
            upsert.setLong(3, seq);
            upsert.executeUpdate();
        }
    }

    /**
     * Holds the forwarding lock on its own connection until the returned lock is closed; empty when another
     * replica holds it.
     */
    public Optional<AdvisoryLock> tryLock() throws SQLException {
        return AdvisoryLock.tryAcquire(dataSource, FORWARDING_LOCK);
    }
}
