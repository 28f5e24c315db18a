package io.gatehouse.controlplane.repository;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A PostgreSQL session-level advisory lock held on its own connection until {@link #close()}: lets one control-plane
 * replica at a time do a job that every replica schedules (forwarding, store maintenance).
 */
public final class AdvisoryLock implements AutoCloseable {

    private final Connection connection;
    private final long key;

    private AdvisoryLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    /** The lock, or empty when another session holds it. */
    public static Optional<AdvisoryLock> tryAcquire(AgroalDataSource dataSource, long key) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet row = lock.executeQuery()) {
                if (row.next() && row.getBoolean(1)) {
                    return Optional.of(new AdvisoryLock(connection, key));
                }
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return Optional.empty();
    }

    /** The connection that holds the lock; work done on it runs under the lock. */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        try (connection) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, key);
                unlock.execute();
            }
        }
    }
}
