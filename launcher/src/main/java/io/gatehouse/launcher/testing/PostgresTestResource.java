package io.gatehouse.launcher.testing;

import io.gatehouse.launcher.postgres.LocalPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL database: one embedded server per test JVM,
 * one database per name given with the init argument {@code database} (default "gatehouse_test").
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static LocalPostgres server;

    private String database = "gatehouse_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        try {
            LocalPostgres postgres = sharedServer();
            postgres.ensureDatabase(database);
            return Map.of(
                    "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                    "quarkus.datasource.username", LocalPostgres.USER,
                    "quarkus.datasource.password", "");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + database, e);
        }
    }

    private static synchronized LocalPostgres sharedServer() {
        if (server == null) {
            try {
                server = LocalPostgres.start(0, null);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the data directory is temporary
                }
            }));
        }
        return server;
    }

    @Override
    public void stop() {
        // the server is shared by every test class of this JVM and stopped when it exits
    }
}
