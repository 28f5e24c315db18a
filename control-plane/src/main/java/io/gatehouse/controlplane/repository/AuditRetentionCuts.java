package io.gatehouse.controlplane.repository;

import io.gatehouse.controlplane.domain.AuditRetentionCut;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The signed record of what retention dropped of each audit chain (append-only, migration V15). */
@ApplicationScoped
public class AuditRetentionCuts {

    private final AgroalDataSource dataSource;

    public AuditRetentionCuts(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a cut in the caller's transaction, the one that drops the partition. */
    public void add(Connection connection, AuditRetentionCut cut) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_retention_cut (partition_name,"
                + " source, first_seq, last_seq, events, last_hash, created_at, kid, signature)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, cut.partition());
            insert.setString(2, cut.source());
            insert.setLong(3, cut.firstSeq());
            insert.setLong(4, cut.lastSeq());
            insert.setLong(5, cut.events());
            insert.setBytes(6, cut.lastHash());
            insert.setObject(7, cut.createdAt().atOffset(ZoneOffset.UTC));
            insert.setString(8, cut.kid());
            insert.setBytes(9, cut.signature());
            insert.executeUpdate();
        }
    }

    /** The cuts of a source's chain, in sequence order. */
    public List<AuditRetentionCut> of(String source) throws SQLException {
        List<AuditRetentionCut> cuts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT partition_name, source, first_seq, last_seq,"
                     + " last_hash, created_at, kid, signature FROM audit_retention_cut WHERE source = ?"
                     + " ORDER BY first_seq, id")) {
            query.setString(1, source);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    cuts.add(new AuditRetentionCut(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
                            rows.getBytes(5), rows.getObject(6, OffsetDateTime.class).toInstant(), rows.getString(7),
                            rows.getBytes(8)));
                }
            }
        }
        return cuts;
    }
}
