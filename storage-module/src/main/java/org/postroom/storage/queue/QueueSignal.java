package org.postroom.storage.queue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears of new queue entries the moment they commit: {@code LISTEN} on the queue's channel, which
 * {@link DeliveryQueue#enqueue} (called by {@code MailStore.deliver}) and
 * {@link DeliveryQueue#retryNow} notify in the transaction that queues the entry (PostgreSQL
 * delivers a notification only once that transaction commits, to every listening process).
 *
 * <p>It keeps one database connection of its own. When that connection breaks, {@link #await}
 * reports a wake-up (so that workers look at the queue rather than miss an entry) and connects
 * again on the next call. Meant for one thread at a time.
 */
public final class QueueSignal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueueSignal.class);

    private final DataSource dataSource;
    private Connection connection;

    public QueueSignal(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Waits up to {@code timeout} for a notification. True when one (or several) arrived, or when
     * the connection failed and the queue should be looked at anyway; false on a quiet timeout.
     */
    public synchronized boolean await(Duration timeout) throws InterruptedException {
        try {
            PGConnection listening = listening();
            PGNotification[] notifications = listening.getNotifications((int) Math.max(1, timeout.toMillis()));
            return notifications != null && notifications.length > 0;
        } catch (SQLException e) {
            log.warn("listening for new queue entries failed, connecting again: {}", e.getMessage());
            drop();
            Thread.sleep(Math.min(timeout.toMillis(), 1000));
            return true;
        }
    }

    @Override
    public synchronized void close() {
        drop();
    }

    private PGConnection listening() throws SQLException {
        if (connection == null) {
            Connection opened = dataSource.getConnection();
            try (Statement listen = opened.createStatement()) {
                opened.setAutoCommit(true);
                listen.execute("listen " + DeliveryQueue.CHANNEL);
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = opened;
        }
        return connection.unwrap(PGConnection.class);
    }

    private void drop() {
        if (connection == null) {
            return;
        }
        // unlisten before a pooled connection goes back, or its next borrower would keep listening
        try (Connection closing = connection; Statement unlisten = closing.createStatement()) {
            unlisten.execute("unlisten *");
        } catch (SQLException e) {
            log.debug("closing the listening connection failed: {}", e.getMessage());
        }
        connection = null;
    }
}
