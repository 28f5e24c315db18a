package io.gatehouse.controlplane.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;

/**
 * Appends audit records with multi-row {@code INSERT ... ON CONFLICT (event_id) DO NOTHING}
 * statements — one statement per chunk of {@value #ROWS_PER_STATEMENT} records, never one per record.
 */
@ApplicationScoped
public class AuditEventWriter {

    /** 16 parameters per row; keeps every statement well below PostgreSQL's 65535 bind parameters. */
    static final int ROWS_PER_STATEMENT = 1000;

    private static final String INSERT_HEAD = "INSERT INTO audit_event (event_id, request_id, event_time, "
            + "data_plane_id, identity, resource, method, path, decision, reason, approval_id, status, "
            + "duration_ms, masked_fields, kind, actor) VALUES ";
    private static final String ROW_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)";
    private static final String INSERT_TAIL = " ON CONFLICT (event_id) DO NOTHING";

    private final AgroalDataSource dataSource;
    private final ObjectMapper objectMapper;

    public AuditEventWriter(AgroalDataSource dataSource, ObjectMapper objectMapper) {
        this.dataSource = dataSource;
        this.objectMapper = objectMapper;
    }

    /**
     * Inserts the records inside the caller's transaction.
     *
     * @return how many were new (records whose event id is already stored are skipped)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int append(List<AuditRecord> records) throws SQLException {
        int inserted = 0;
        try (Connection connection = dataSource.getConnection()) {
            for (int from = 0; from < records.size(); from += ROWS_PER_STATEMENT) {
                List<AuditRecord> chunk = records.subList(from, Math.min(records.size(), from + ROWS_PER_STATEMENT));
                inserted += insertChunk(connection, chunk);
            }
        }
        return inserted;
    }

    private int insertChunk(Connection connection, List<AuditRecord> chunk) throws SQLException {
        String sql = INSERT_HEAD + String.join(", ", Collections.nCopies(chunk.size(), ROW_VALUES)) + INSERT_TAIL;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            for (AuditRecord record : chunk) {
                statement.setObject(parameter++, record.eventId());
                setText(statement, parameter++, record.requestId());
                statement.setObject(parameter++, record.time().atOffset(ZoneOffset.UTC));
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

    private String toJson(List<String> values) {
        try {
            return objectMapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always serializable", e);
        }
    }
}
