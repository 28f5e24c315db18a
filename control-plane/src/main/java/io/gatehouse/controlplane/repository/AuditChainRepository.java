package io.gatehouse.controlplane.repository;

import io.gatehouse.controlplane.domain.AuditChainHash;
import io.gatehouse.controlplane.domain.AuditCheckpoint;
import io.gatehouse.controlplane.domain.AuditChainHead;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The heads of the audit hash chains and their signed checkpoints. */
@ApplicationScoped
public class AuditChainRepository {

    private final AgroalDataSource dataSource;

    public AuditChainRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The head of a source's chain, locked until the transaction ends (created at sequence 0 on first use). */
    ChainPosition lockHead(Connection connection, String source) throws SQLException {
        try (PreparedStatement create = connection.prepareStatement(
                "INSERT INTO audit_chain_head (source, last_seq, last_hash) VALUES (?, 0, ?) ON CONFLICT (source) DO NOTHING")) {
            create.setString(1, source);
            create.setBytes(2, AuditChainHash.GENESIS);
            create.executeUpdate();
        }
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT last_seq, last_hash FROM audit_chain_head WHERE source = ? FOR UPDATE")) {
            lock.setString(1, source);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return new ChainPosition(row.getLong(1), row.getBytes(2));
            }
        }
    }

    void moveHead(Connection connection, String source, ChainPosition head) throws SQLException {
        try (PreparedStatement move = connection.prepareStatement(
                "UPDATE audit_chain_head SET last_seq = ?, last_hash = ?, updated_at = now() WHERE source = ?")) {
            move.setLong(1, head.seq());
            move.setBytes(2, head.hash());
            move.setString(3, source);
            move.executeUpdate();
        }
    }

    /**
     * Which of these records' event ids are stored already. A redelivered event carries the same event time, so only
     * the partitions of the records' time range are read.
     */
    Set<UUID> storedEventIds(Connection connection, List<AuditRecord> records) throws SQLException {
        Set<UUID> stored = new HashSet<>();
        if (records.isEmpty()) {
            return stored;
        }
        Instant from = records.get(0).time();
        Instant to = from;
        for (AuditRecord record : records) {
            from = record.time().isBefore(from) ? record.time() : from;
            to = record.time().isAfter(to) ? record.time() : to;
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT event_id FROM audit_event"
                + " WHERE event_id = ANY (?) AND event_time >= ? AND event_time <= ?")) {
            query.setArray(1, connection.createArrayOf("uuid", records.stream().map(AuditRecord::eventId).toArray()));
            query.setObject(2, AuditChainHash.storedPrecision(from).atOffset(ZoneOffset.UTC));
            query.setObject(3, AuditChainHash.storedPrecision(to).atOffset(ZoneOffset.UTC));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return stored;
    }

    /** Every chain head. */
    public List<AuditChainHead> heads() throws SQLException {
        List<AuditChainHead> heads = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT source, last_seq, last_hash FROM audit_chain_head ORDER BY source");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                heads.add(new AuditChainHead(rows.getString(1), rows.getLong(2), rows.getBytes(3)));
            }
        }
        return heads;
    }

    public void addCheckpoint(AuditCheckpoint checkpoint) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_checkpoint"
                     + " (source, seq, hash, created_at, kid, signature) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, checkpoint.source());
            insert.setLong(2, checkpoint.seq());
            insert.setBytes(3, checkpoint.hash());
            insert.setObject(4, checkpoint.createdAt().atOffset(ZoneOffset.UTC));
            insert.setString(5, checkpoint.kid());
            insert.setBytes(6, checkpoint.signature());
            insert.executeUpdate();
        }
    }

    /** The checkpoints of a source, oldest first. */
    public List<AuditCheckpoint> checkpoints(String source) throws SQLException {
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT source, seq, hash, created_at, kid, signature"
                     + " FROM audit_checkpoint WHERE source = ? ORDER BY seq, id")) {
            query.setString(1, source);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    checkpoints.add(new AuditCheckpoint(rows.getString(1), rows.getLong(2), rows.getBytes(3),
                            rows.getObject(4, java.time.OffsetDateTime.class).toInstant(), rows.getString(5), rows.getBytes(6)));
                }
            }
        }
        return checkpoints;
    }

    /** The latest checkpointed sequence of a source, 0 when none. */
    public long lastCheckpointedSeq(String source) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT coalesce(max(seq), 0) FROM audit_checkpoint WHERE source = ?")) {
            query.setString(1, source);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    record ChainPosition(long seq, byte[] hash) {
    }
}
