package io.gatehouse.controlplane.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.domain.AuditChainHash;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Appends audit records, each linked into its source's hash chain (see {@link AuditChainHash}), with one binary
 * {@code COPY ... FROM STDIN} per source and batch (PgJDBC's CopyManager; PostgreSQL routes each row to its month's
 * partition), never one statement per record. Records whose event id is already stored are skipped before
 * chaining, so a redelivered batch leaves the chains unchanged; the head of each chain is locked for the
 * transaction, so concurrent batches of one source are chained one after the other. An event id stored at the same
 * moment by another source's batch makes the unique key refuse the batch, which is then retried and finds it stored.
 */
@ApplicationScoped
public class AuditEventWriter {

    /** The chain of events that name no source. */
    static final String UNKNOWN_SOURCE = "unknown";

    private static final String COPY = "COPY audit_event (event_id, request_id, event_time, data_plane_id, identity,"
            + " resource, method, path, decision, reason, approval_id, status, duration_ms, masked_fields, kind, actor,"
            + " chain_source, chain_seq, prev_hash, hash, masked_values, recording, route) FROM STDIN (FORMAT binary)";
    private static final int COLUMNS = 23;

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
     * @return the records that were new (records whose event id is already stored are skipped)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AuditRecord> append(List<AuditRecord> records) throws SQLException {
        Map<String, List<AuditRecord>> bySource = new TreeMap<>();
        records.forEach(record -> bySource.computeIfAbsent(chainSource(record), source -> new ArrayList<>()).add(record));
        List<AuditRecord> inserted = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            // sorted by source, so two transactions never lock the same heads in opposite orders
            for (Map.Entry<String, List<AuditRecord>> source : bySource.entrySet()) {
                inserted.addAll(appendToChain(connection, source.getKey(), source.getValue()));
            }
        }
        return inserted;
    }

    private List<AuditRecord> appendToChain(Connection connection, String source, List<AuditRecord> records) throws SQLException {
        AuditChainRepository.ChainPosition head = chains.lockHead(connection, source);
        Set<UUID> stored = chains.storedEventIds(connection, records);
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
        if (chained.isEmpty()) {
            return List.of();
        }
        int copied = copy(connection, chained);
        if (copied != chained.size()) {
            throw new SQLException("COPY stored " + copied + " of " + chained.size() + " audit rows of chain " + source);
        }
        chains.moveHead(connection, source, new AuditChainRepository.ChainPosition(seq, previous));
        return chained.stream().map(ChainedRecord::record).toList();
    }

    private int copy(Connection connection, List<ChainedRecord> chained) throws SQLException {
        AuditCopyRows rows = new AuditCopyRows();
        for (ChainedRecord link : chained) {
            AuditRecord record = link.record();
            rows.row(COLUMNS)
                    .uuid(record.eventId())
                    .text(record.requestId())
                    .timestamptz(record.time())
                    .text(record.dataPlaneId())
                    .text(record.identity())
                    .text(record.resource())
                    .text(record.method())
                    .text(record.path())
                    .text(record.decision().name())
                    .text(record.reason())
                    .text(record.approvalId())
                    .int4(record.status())
                    .int8(record.durationMs())
                    .jsonb(toJson(record.maskedFields()))
                    .text(record.kind())
                    .text(record.actor())
                    .text(link.source())
                    .int8(link.seq())
                    .bytea(link.previousHash())
                    .bytea(link.hash())
                    .jsonb(toJson(record.maskedValues()))
                    .jsonb(record.recording() == null ? null : toJson(record.recording()))
                    .text(record.route());
        }
        byte[] data = rows.finish();
        try {
            return Math.toIntExact(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY,
                    new ByteArrayInputStream(data)));
        } catch (IOException e) {
            throw new SQLException("could not stream the audit rows to PostgreSQL", e);
        }
    }

    private String toJson(Object values) {
        // most calls mask nothing: their empty list and map skip Jackson, which took a tenth of the ingesting
        // threads' CPU in a profile
        if (values instanceof Collection<?> collection && collection.isEmpty()) {
            return "[]";
        }
        if (values instanceof Map<?, ?> map && map.isEmpty()) {
            return "{}";
        }
        try {
            return objectMapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values are always serializable", e);
        }
    }

    private record ChainedRecord(AuditRecord record, String source, long seq, byte[] previousHash, byte[] hash) {
    }
}
