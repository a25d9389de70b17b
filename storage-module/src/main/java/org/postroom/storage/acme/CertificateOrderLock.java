package org.postroom.storage.acme;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.postroom.storage.StorageUnavailableException;

/**
 * Lets one Postroom process at a time order the certificate: a PostgreSQL session-level advisory
 * lock on a connection of its own, held while the order runs (its challenges are published through
 * other connections, which commit at once, so the lock cannot be a transaction's). If the process
 * dies, PostgreSQL drops the connection and the lock with it.
 */
public final class CertificateOrderLock {

    /** Postroom's lock namespace ("ACME") and the one key in it. */
    private static final int NAMESPACE = 0x41434D45;
    private static final int ORDER = 1;

    private final DataSource dataSource;

    public CertificateOrderLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Takes the lock; empty when another process holds it. Close the lock to release it.
     *
     * @throws StorageUnavailableException when the database cannot be asked
     */
    public Optional<Held> tryLock() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            if (advisory(connection, "select pg_try_advisory_lock(?, ?)")) {
                return Optional.of(new Held(connection));
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw StorageUnavailableException.of("take the certificate order lock", e);
        }
    }

    /** The lock, held until {@link #close()}. */
    public static final class Held implements AutoCloseable {

        private final Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        /**
         * Releases the lock. The connection usually goes back to a pool, which would keep a
         * session's lock alive for the next borrower, so one that cannot unlock is aborted.
         */
        @Override
        public void close() {
            try (connection) {
                try {
                    advisory(connection, "select pg_advisory_unlock(?, ?)");
                } catch (SQLException e) {
                    connection.abort(Runnable::run);
                }
            } catch (SQLException e) {
                throw StorageUnavailableException.of("release the certificate order lock", e);
            }
        }
    }

    private static boolean advisory(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, NAMESPACE);
            statement.setInt(2, ORDER);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static void closeQuietly(Connection connection, SQLException cause) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
