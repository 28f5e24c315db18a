package io.gatehouse.bench;

import io.gatehouse.launcher.suite.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the control plane's audit store ({@code audit_event} in PostgreSQL) holds per request id: how many rows of each
 * kind. A proxied call is stored as one row of kind {@code call} (the data plane keeps the start of a call in its spool
 * only and ships the outcome, or an "interrupted" outcome for a start without one after a crash), so "exactly once"
 * means one {@code call} row per answered request id.
 */
final class StoredAuditEvents {

    static final String CALL = "call";

    /** Rows of kind {@code call} per request id. */
    private final Map<String, Integer> callRows;
    /** Rows naming a request id, per kind (all kinds). */
    private final Map<String, Long> rowsPerKind;

    private StoredAuditEvents(Map<String, Integer> callRows, Map<String, Long> rowsPerKind) {
        this.callRows = callRows;
        this.rowsPerKind = rowsPerKind;
    }

    /** Reads every row that names a request id, streamed (one pass, grouped in the database). */
    static StoredAuditEvents read(Database database) throws SQLException {
        Map<String, Integer> callRows = new HashMap<>();
        Map<String, Long> rowsPerKind = new TreeMap<>();
        try (Connection connection = database.connect(Database.CONTROL)) {
            connection.setAutoCommit(false); // lets the driver stream with a cursor
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT request_id, kind, count(*) FROM audit_event WHERE request_id IS NOT NULL GROUP BY request_id, kind")) {
                query.setFetchSize(20_000);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String kind = rows.getString(2);
                        int count = rows.getInt(3);
                        rowsPerKind.merge(kind, (long) count, Long::sum);
                        if (CALL.equals(kind)) {
                            callRows.put(rows.getString(1), count);
                        }
                    }
                }
            }
            connection.commit();
        }
        return new StoredAuditEvents(callRows, rowsPerKind);
    }

    /** Total rows of kind {@code call}, of every request id ({@code count(*) ... WHERE kind = 'call'}). */
    static long callRowCount(Database database) throws SQLException {
        try (Connection connection = database.connect(Database.CONTROL);
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM audit_event WHERE kind = ?")) {
            query.setString(1, CALL);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** {@code call} rows stored for the request id (0 when none). */
    int callRows(String requestId) {
        return callRows.getOrDefault(requestId, 0);
    }

    Map<String, Integer> callRowsByRequestId() {
        return callRows;
    }

    Map<String, Long> rowsPerKind() {
        return rowsPerKind;
    }
}
