package io.gatehouse.launcher.suite;

import io.gatehouse.launcher.postgres.LocalPostgres;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PostgreSQL server the services use: the embedded one or an external one given by URL. */
public abstract class Database implements AutoCloseable {

    public static final String CONTROL = "gatehouse_control";
    public static final String APPROVAL = "gatehouse_approval";

    public abstract String jdbcUrl(String database);

    public abstract String user();

    public abstract String password();

    public abstract void ensureDatabase(String database) throws SQLException;

    /** Where it runs, for the progress output. */
    public abstract String location();

    @Override
    public abstract void close();

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user(), password() == null ? "" : password());
    }

    static Database embedded(int port, Path dataDirectory) throws IOException {
        return new Embedded(LocalPostgres.start(port, dataDirectory));
    }

    static Database external(String jdbcUrl, String user, String password) {
        return new External(jdbcUrl, user, password);
    }

    private static final class Embedded extends Database {
        private final LocalPostgres postgres;

        Embedded(LocalPostgres postgres) {
            this.postgres = postgres;
        }

        @Override
        public String jdbcUrl(String database) {
            return postgres.jdbcUrl(database);
        }

        @Override
        public String user() {
            return LocalPostgres.USER;
        }

        @Override
        public String password() {
            return "";
        }

        @Override
        public void ensureDatabase(String database) throws SQLException {
            postgres.ensureDatabase(database);
        }

        @Override
        public String location() {
            return "127.0.0.1:" + postgres.port();
        }

        @Override
        public void close() {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("could not stop PostgreSQL cleanly: " + e.getMessage());
            }
        }
    }

    private static final class External extends Database {
        private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(?:/([^?]*))?(\\?.*)?");

        private final String base;
        private final String adminDatabase;
        private final String parameters;
        private final String user;
        private final String password;

        External(String jdbcUrl, String user, String password) {
            Matcher matcher = URL.matcher(jdbcUrl);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): " + jdbcUrl);
            }
            this.base = matcher.group(1);
            this.adminDatabase = matcher.group(2) == null || matcher.group(2).isEmpty() ? "postgres" : matcher.group(2);
            this.parameters = matcher.group(3) == null ? "" : matcher.group(3);
            this.user = user;
            this.password = password;
        }

        @Override
        public String jdbcUrl(String database) {
            return base + "/" + database + parameters;
        }

        @Override
        public String user() {
            return user;
        }

        @Override
        public String password() {
            return password;
        }

        @Override
        public void ensureDatabase(String database) throws SQLException {
            if (!database.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("bad database name " + database);
            }
            try (Connection connection = connect(adminDatabase);
                 Statement statement = connection.createStatement()) {
                try (ResultSet existing = statement.executeQuery(
                        "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                    if (existing.next()) {
                        return;
                    }
                }
                statement.execute("CREATE DATABASE " + database);
            }
        }

        @Override
        public String location() {
            return base.substring("jdbc:postgresql://".length()) + " (external)";
        }

        @Override
        public void close() {
            // not ours to stop
        }
    }
}
