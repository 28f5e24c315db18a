package io.gatehouse.controlplane.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.domain.AuditChainHash;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Appends audit records, each linked into its source's hash chain (see {@link AuditChainHash}), with multi-row
 * {@code INSERT} statements — one statement per chunk of {@value #ROWS_PER_STATEMENT} records, never one per
 * record. Records whose event id is already stored are skipped before chaining, so a redelivered batch leaves
 * the chains unchanged; the head of each chain is locked for the transaction, so concurrent batches of one
 * source are chained one after the other.
 */
@ApplicationScoped
public class AuditEventWriter {

    /** 22 parameters per row; keeps every statement well below PostgreSQL's 65535 bind parameters. */
    static final int ROWS_PER_STATEMENT = 1000;
    /** The chain of events that name no source. */
    static final String UNKNOWN_SOURCE = "unknown";

    private static final String INSERT_HEAD = "INSERT INTO audit_event (event_id, request_id, event_time, "
            + "data_plane_id, identity, resource, method, path, decision, reason, approval_id, status, "
            + "duration_ms, masked_fields, kind, actor, chain_source, chain_seq, prev_hash, hash, masked_values, "
            + "recording) VALUES ";
    private static final String ROW_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)";
    private static final String INSERT_TAIL = " ON CONFLICT (event_id, event_time) DO NOTHING";

    private final AgroalDataSource dataSource;
    private final AuditChainRepository chains;
    private final ObjectMapper objectMapper;

    public AuditEventWriter(AgroalDataSource dataSource, AuditChainRepository chains, ObjectMapper objectMapper) {
        this.dataSource = dataSource;
        this.chains = chains;
        this.objectMapper = objectMapper;
    }

    /** The chain a record belongs to: the service that sent it. */
    public static String chainSource(AuditRecord record) {
        return record.dataPlaneId() == null ? UNKNOWN_SOURCE : record.dataPlaneId();
    }

    /**
     * Inserts the records inside the caller's transaction.
     *
     * @return how many were new (records whose event id is already stored are skipped)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int append(List<AuditRecord> records) throws SQLException {
        Map<String, List<AuditRecord>> bySource = new TreeMap<>();
        records.forEach(record -> bySource.computeIfAbsent(chainSource(record), source -> new ArrayList<>()).add(record));
        int inserted = 0;
        try (Connection connection = dataSource.getConnection()) {
            // sorted by source, so two transactions never lock the same heads in opposite orders
            for (Map.Entry<String, List<AuditRecord>> source : bySource.entrySet()) {
                inserted += appendToChain(connection, source.getKey(), source.getValue());
            }
        }
        return inserted;
    }

    private int appendToChain(Connection connection, String source, List<AuditRecord> records) throws SQLException {
        AuditChainRepository.ChainPosition head = chains.lockHead(connection, source);
        Set<UUID> stored = chains.storedEventIds(connection, records.stream().map(AuditRecord::eventId).toList());
        List<ChainedRecord> chained = new ArrayList<>();
        long seq = head.seq();
        byte[] previous = head.hash();
        for (AuditRecord record : records) {
            if (!stored.add(record.eventId())) {
                continue;
            }
            seq++;
            byte[] hash = AuditChainHash.of(previous, source, seq, record);
            chained.add(new ChainedRecord(record, source, seq, previous, hash));
            previous = hash;
        }
        int inserted = 0;
        for (int from = 0; from < chained.size(); from += ROWS_PER_STATEMENT) {
            inserted += insertChunk(connection, chained.subList(from, Math.min(chained.size(), from + ROWS_PER_STATEMENT)));
        }
        if (!chained.isEmpty()) {
            chains.moveHead(connection, source, new AuditChainRepository.ChainPosition(seq, previous));
        }
        return inserted;
    }

    private int insertChunk(Connection connection, List<ChainedRecord> chunk) throws SQLException {
        String sql = INSERT_HEAD + String.join(", ", Collections.nCopies(chunk.size(), ROW_VALUES)) + INSERT_TAIL;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            for (ChainedRecord chained : chunk) {
                AuditRecord record = chained.record();
                statement.setObject(parameter++, record.eventId());
                setText(statement, parameter++, record.requestId());
                statement.setObject(parameter++, AuditChainHash.storedPrecision(record.time()).atOffset(ZoneOffset.UTC));
                setText(statement, parameter++, record.dataPlaneId());
                setText(statement, parameter++, record.identity());
                setText(statement, parameter++, record.resource());
                setText(statement, parameter++, record.method());
                setText(statement, parameter++, record.path());
                statement.setString(parameter++, record.decision().name());
                setText(statement, parameter++, record.reason());
                setText(statement, parameter++, record.approvalId());
                statement.setInt(parameter++, record.status());
                statement.setLong(parameter++, record.durationMs());
                statement.setString(parameter++, toJson(record.maskedFields()));
                statement.setString(parameter++, record.kind());
                setText(statement, parameter++, record.actor());
                statement.setString(parameter++, chained.source());
                statement.setLong(parameter++, chained.seq());
                statement.setBytes(parameter++, chained.previousHash());
                statement.setBytes(parameter++, chained.hash());
                statement.setString(parameter++, toJson(record.maskedValues()));
                statement.setString(parameter++, record.recording() == null ? null : toJson(record.recording()));
            }
            return statement.executeUpdate();
        }
    }

    private static void setText(PreparedStatement statement, int parameter, String value) throws SQLException {
        if (value == null) {
            statement.setNull(parameter, Types.VARCHAR);
        } else {
            statement.setString(parameter, value);
        }
    }

    private String toJson(Object values) {
        try {
            return objectMapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values are always serializable", e);
        }
    }

    private record ChainedRecord(AuditRecord record, String source, long seq, byte[] previousHash, byte[] hash) {
    }
}
