package org.postroom.storage.mailbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.postroom.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exclusive POP3 locks on mailboxes (RFC 1939 §8: one session per maildrop), held as PostgreSQL
 * session-level advisory locks so they exclude sessions in every Postroom process on the database.
 *
 * <p>All locks of this process share ONE database connection rather than one per POP3 session,
 * which would drain the pool. PostgreSQL lets a connection take its own advisory lock twice, so
 * this class also keeps the set it holds and refuses a second local session itself. If the
 * process dies, PostgreSQL drops the connection and with it every lock. If the connection breaks,
 * its locks are gone too: the locks handed out before then report {@link MaildropLock#isHeld()}
 * false, so a session does not commit deletions under a lock it lost.
 */
public final class MaildropLocks implements AutoCloseable {

    /** First key of the two-part advisory lock key, so Postroom's locks stay apart from others'. */
    static final int NAMESPACE = 0x504F5033;

    private static final Logger log = LoggerFactory.getLogger(MaildropLocks.class);

    private final DataSource dataSource;
    private final Map<Long, MaildropLock> held = new HashMap<>();
    private Connection connection;

    public MaildropLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Takes the lock on a mailbox; empty when another session (here or in another process) has it.
     *
     * @throws StorageUnavailableException when the database cannot be asked
     */
    public synchronized Optional<MaildropLock> tryLock(long mailboxId) {
        if (held.containsKey(mailboxId)) {
            return Optional.empty();
        }
        try {
            if (!advisory("select pg_try_advisory_lock(?, ?)", mailboxId)) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            dropConnection();
            throw StorageUnavailableException.of("lock mailbox " + mailboxId, e);
        }
        MaildropLock lock = new MaildropLock(this, mailboxId);
        held.put(mailboxId, lock);
        return Optional.of(lock);
    }

    synchronized boolean isHeld(MaildropLock lock) {
        if (held.get(lock.mailboxId()) != lock) {
            return false;
        }
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    synchronized void release(MaildropLock lock) {
        if (!held.remove(lock.mailboxId(), lock)) {
            return;
        }
        try {
            advisory("select pg_advisory_unlock(?, ?)", lock.mailboxId());
        } catch (SQLException e) {
            // the lock cannot outlive its connection: dropping the connection releases it
            log.warn("could not unlock mailbox {}, dropping the lock connection: {}", lock.mailboxId(), e.getMessage());
            dropConnection();
        }
    }

    @Override
    public synchronized void close() {
        dropConnection();
    }

    private boolean advisory(String sql, long mailboxId) throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, NAMESPACE);
            statement.setInt(2, Math.toIntExact(mailboxId));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    /**
     * Gives the connection back without any lock on it. It usually belongs to a pool, which would
     * keep a session's advisory locks alive on the next borrower, so the locks are released
     * explicitly, and a connection that cannot do that is aborted rather than returned.
     */
    private void dropConnection() {
        held.clear();
        if (connection == null) {
            return;
        }
        try (Connection closing = connection) {
            try (PreparedStatement unlock = closing.prepareStatement("select pg_advisory_unlock_all()")) {
                unlock.execute();
            } catch (SQLException e) {
                closing.abort(Runnable::run);
            }
        } catch (SQLException e) {
            log.debug("closing the lock connection failed: {}", e.getMessage());
        }
        connection = null;
    }
}
