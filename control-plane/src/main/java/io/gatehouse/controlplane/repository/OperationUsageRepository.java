package io.gatehouse.controlplane.repository;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.controlplane.domain.CallUsage;
import io.gatehouse.controlplane.domain.OperationKey;
import io.gatehouse.controlplane.domain.UsageCounter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code operation_usage} counters: calls per identity, operation and UTC day. The usage rollup adds each slice
 * of newly stored calls with one upsert, so reports never scan the audit table.
 */
@ApplicationScoped
public class OperationUsageRepository {

    private static final String UPSERT = "INSERT INTO operation_usage AS u (identity, day, resource, method, route, calls,"
            + " allowed, denied, held_for_approval, approved, masked_values, first_seen, last_seen)"
            + " SELECT * FROM unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[],"
            + " ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::timestamptz[], ?::timestamptz[])"
            + " ON CONFLICT (identity, day, resource, method, route) DO UPDATE SET calls = u.calls + EXCLUDED.calls,"
            + " allowed = u.allowed + EXCLUDED.allowed, denied = u.denied + EXCLUDED.denied,"
            + " held_for_approval = u.held_for_approval + EXCLUDED.held_for_approval,"
            + " approved = u.approved + EXCLUDED.approved, masked_values = u.masked_values + EXCLUDED.masked_values,"
            + " first_seen = least(u.first_seen, EXCLUDED.first_seen), last_seen = greatest(u.last_seen, EXCLUDED.last_seen)";

    /** Keys in one order, so that two writers would lock shared rows in the same order and never deadlock. */
    private static final Comparator<Key> KEY_ORDER = Comparator.comparing(Key::identity).thenComparing(Key::day)
            .thenComparing(Key::resource).thenComparing(Key::method).thenComparing(Key::route);

    private final AgroalDataSource dataSource;

    public OperationUsageRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds these calls to the counters. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void count(List<CallUsage> calls) throws SQLException {
        Map<Key, Counts> counts = new TreeMap<>(KEY_ORDER);
        for (CallUsage call : calls) {
            counts.computeIfAbsent(Key.of(call), key -> new Counts()).add(call);
        }
        if (counts.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            List<Key> keys = new ArrayList<>(counts.keySet());
            List<Counts> values = keys.stream().map(counts::get).toList();
            upsert.setArray(1, connection.createArrayOf("text", keys.stream().map(Key::identity).toArray()));
            upsert.setArray(2, connection.createArrayOf("date", keys.stream().map(key -> Date.valueOf(key.day())).toArray()));
            upsert.setArray(3, connection.createArrayOf("text", keys.stream().map(Key::resource).toArray()));
            upsert.setArray(4, connection.createArrayOf("text", keys.stream().map(Key::method).toArray()));
            upsert.setArray(5, connection.createArrayOf("text", keys.stream().map(Key::route).toArray()));
            upsert.setArray(6, numbers(connection, values, count -> count.calls));
            upsert.setArray(7, numbers(connection, values, count -> count.allowed));
            upsert.setArray(8, numbers(connection, values, count -> count.denied));
            upsert.setArray(9, numbers(connection, values, count -> count.held));
            upsert.setArray(10, numbers(connection, values, count -> count.approved));
            upsert.setArray(11, numbers(connection, values, count -> count.masked));
            upsert.setArray(12, times(connection, values, count -> count.firstSeen));
            upsert.setArray(13, times(connection, values, count -> count.lastSeen));
            upsert.executeUpdate();
        }
    }

    /** The counters of {@code identities} from day {@code from} through day {@code to}, by identity. */
    @Transactional
    public Map<String, List<UsageCounter>> rows(List<String> identities, LocalDate from, LocalDate to) {
        Map<String, List<UsageCounter>> rows = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT identity, day, resource, method, route, calls,"
                     + " allowed, denied, held_for_approval, approved, masked_values, first_seen, last_seen"
                     + " FROM operation_usage WHERE identity = ANY (?::text[]) AND day BETWEEN ? AND ?"
                     + " ORDER BY identity, day")) {
            query.setArray(1, connection.createArrayOf("text", identities.toArray()));
            query.setObject(2, from);
            query.setObject(3, to);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.computeIfAbsent(row.getString("identity"), identity -> new ArrayList<>()).add(new UsageCounter(
                            row.getObject("day", LocalDate.class),
                            new OperationKey(emptyAsNull(row.getString("resource")), row.getString("method"),
                                    emptyAsNull(row.getString("route"))),
                            row.getLong("calls"), row.getLong("allowed"), row.getLong("denied"),
                            row.getLong("held_for_approval"), row.getLong("approved"), row.getLong("masked_values"),
                            row.getObject("first_seen", OffsetDateTime.class).toInstant(),
                            row.getObject("last_seen", OffsetDateTime.class).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read usage counters: " + e.getMessage(), e);
        }
        return rows;
    }

    private static java.sql.Array numbers(Connection connection, List<Counts> values,
                                          java.util.function.ToLongFunction<Counts> field) throws SQLException {
        return connection.createArrayOf("bigint", values.stream().map(count -> field.applyAsLong(count)).toArray());
    }

    private static java.sql.Array times(Connection connection, List<Counts> values,
                                        java.util.function.Function<Counts, Instant> field) throws SQLException {
        return connection.createArrayOf("timestamptz", values.stream()
                .map(count -> field.apply(count).atOffset(ZoneOffset.UTC)).toArray(OffsetDateTime[]::new));
    }

    private static String emptyAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private record Key(String identity, LocalDate day, String resource, String method, String route) {

        static Key of(CallUsage call) {
            return new Key(call.identity(), LocalDate.ofInstant(call.time(), ZoneOffset.UTC),
                    nullAsEmpty(call.resource()), nullAsEmpty(call.method()), nullAsEmpty(call.route()));
        }

        private static String nullAsEmpty(String value) {
            return value == null ? "" : value;
        }
    }

    private static final class Counts {
        long calls;
        long allowed;
        long denied;
        long held;
        long approved;
        long masked;
        Instant firstSeen;
        Instant lastSeen;

        void add(CallUsage call) {
            calls++;
            switch (call.decision()) {
                case ALLOWED -> {
                    allowed++;
                    if (call.approved()) {
                        approved++;
                    }
                }
                case DENIED -> denied++;
                case PENDING_APPROVAL -> held++;
                default -> {
                }
            }
            masked += call.maskedValues();
            firstSeen = firstSeen == null || call.time().isBefore(firstSeen) ? call.time() : firstSeen;
            lastSeen = lastSeen == null || call.time().isAfter(lastSeen) ? call.time() : lastSeen;
        }
    }
}
