package io.gatehouse.controlplane.repository;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.controlplane.security.AssertionKeyRegistration;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The public keys data planes sign identity assertions with (table assertion_key). */
@ApplicationScoped
public class AssertionKeyRepository {

    /** Public key and key id of a stored assertion key. */
    public record StoredKey(String kid, String nodeId, byte[] publicKey) {
    }

    private final AgroalDataSource dataSource;

    public AssertionKeyRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the key, or marks it seen if it is stored already. */
    public void upsert(AssertionKeyRegistration key, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("INSERT INTO assertion_key"
                     + " (kid, node_id, public_key, registered_at, last_seen_at) VALUES (?, ?, ?, ?, ?)"
                     + " ON CONFLICT (kid) DO UPDATE SET last_seen_at = GREATEST(assertion_key.last_seen_at, EXCLUDED.last_seen_at)")) {
            upsert.setString(1, key.kid());
            upsert.setString(2, key.nodeId());
            upsert.setBytes(3, key.publicKey().getEncoded());
            upsert.setTimestamp(4, Timestamp.from(now));
            upsert.setTimestamp(5, Timestamp.from(now));
            upsert.executeUpdate();
        }
    }

    public void seen(String kid, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE assertion_key SET last_seen_at = GREATEST(last_seen_at, ?) WHERE kid = ?")) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setString(2, kid);
            update.executeUpdate();
        }
    }

    /** Keys seen at or after {@code since}, newest first. */
    public List<StoredKey> seenSince(Instant since) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT kid, node_id, public_key FROM assertion_key"
                     + " WHERE last_seen_at >= ? ORDER BY last_seen_at DESC, kid")) {
            query.setTimestamp(1, Timestamp.from(since));
            List<StoredKey> keys = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(new StoredKey(rows.getString(1), rows.getString(2), rows.getBytes(3)));
                }
            }
            return keys;
        }
    }

    /** @return how many keys last seen before {@code before} were removed */
    public int removeSeenBefore(Instant before) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM assertion_key WHERE last_seen_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        }
    }
}
