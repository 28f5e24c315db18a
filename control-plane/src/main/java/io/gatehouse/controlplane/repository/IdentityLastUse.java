package io.gatehouse.controlplane.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Moves identities' {@code last_used_at} forward (never backwards): one statement for all the identities of a slice of
 * calls.
 */
@ApplicationScoped
public class IdentityLastUse {

    private final AgroalDataSource dataSource;

    public IdentityLastUse(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Map<String, Instant> lastUsePerIdentity) throws SQLException {
        if (lastUsePerIdentity.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE identity AS i SET last_used_at = u.used_at"
                     + " FROM unnest(?::text[], ?::timestamptz[]) AS u (name, used_at)"
                     + " WHERE i.name = u.name AND (i.last_used_at IS NULL OR i.last_used_at < u.used_at)")) {
            update.setArray(1, connection.createArrayOf("text", lastUsePerIdentity.keySet().toArray()));
            update.setArray(2, connection.createArrayOf("timestamptz", lastUsePerIdentity.values().stream()
                    .map(time -> time.atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new)));
            update.executeUpdate();
        }
    }
}
