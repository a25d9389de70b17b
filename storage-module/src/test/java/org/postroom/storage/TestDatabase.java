package org.postroom.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for tests: one embedded server per test JVM, and a fresh database for each
 * caller, copied from a migrated template so that tests never see each other's data.
 *
 * <p>The server runs with zonky's throwaway settings (no fsync): tests check behaviour, not
 * durability. The product's embedded database turns fsync and synchronous commit back on.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String TEMPLATE = "postroom_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private final String name;
    private final HikariDataSource dataSource;

    private TestDatabase(String name, HikariDataSource dataSource) {
        this.name = name;
        this.dataSource = dataSource;
    }

    /** A new database with the current schema, nobody else's data, and a small connection pool. */
    public static TestDatabase create() {
        String name = newDatabase();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server().getJdbcUrl("postgres", name));
        config.setUsername("postgres");
        config.setMaximumPoolSize(16);
        config.setPoolName(name);
        return new TestDatabase(name, new HikariDataSource(config));
    }

    /** The URL of a new, migrated, empty database of its own, for a Spring application under test. */
    public static String createUrl() {
        return server().getJdbcUrl("postgres", newDatabase());
    }

    /** The URL of a new database without any schema, for a test that migrates it step by step. */
    public static String createEmptyUrl() {
        String name = "empty_" + COUNTER.incrementAndGet();
        execute(server().getPostgresDatabase(), "create database " + name);
        return server().getJdbcUrl("postgres", name);
    }

    private static String newDatabase() {
        String name = "test_" + COUNTER.incrementAndGet();
        execute(server().getPostgresDatabase(), "create database " + name + " template " + TEMPLATE);
        return name;
    }

    public String name() {
        return name;
    }

    public String url() {
        return server().getJdbcUrl("postgres", name);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Database database() {
        return new Database(dataSource);
    }

    /**
     * Cuts this database off until the returned outage is closed: it refuses every new connection
     * and the open ones (of every pool on it) are ended, as a PostgreSQL that stopped looks to its
     * clients.
     */
    public AutoCloseable cutOff() {
        execute(server().getPostgresDatabase(), "alter database " + name + " allow_connections false");
        execute(server().getPostgresDatabase(), "select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
                + name + "'");
        return () -> execute(server().getPostgresDatabase(), "alter database " + name + " allow_connections true");
    }

    /**
     * Closes the pool and drops the database (with any connection a test left open to it), so that
     * the server's data directory holds only the databases still in use: zonky deletes it when the
     * test JVM exits, and hundreds of databases left behind took longer than Surefire waits for a
     * fork to end.
     */
    @Override
    public void close() {
        dataSource.close();
        execute(server().getPostgresDatabase(), "drop database if exists " + name + " with (force)");
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("start the embedded PostgreSQL for tests", e);
            }
            execute(server.getPostgresDatabase(), "create database " + TEMPLATE);
            Flyway.configure().dataSource(server.getJdbcUrl("postgres", TEMPLATE), "postgres", null)
                    .load().migrate();
        }
        return server;
    }

    private static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
