package org.postroom.storage.queue;

import java.time.Duration;
import java.util.List;

import org.postroom.storage.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbound queue as tests drive it: entries claimed on the delivery workers' own path
 * ({@link DeliveryQueue#claimNext}), and time passed on the clock the queue runs on, the
 * database's, so a test waits for a lease or an expiry without sleeping.
 */
public final class TestQueue {

    private TestQueue() {
    }

    /**
     * Claims the next due group of message {@code messageId} for {@code worker}, as a worker would.
     * Groups of other messages that are due before it are claimed on the way and left to their
     * lease, as a worker busy with them would leave them.
     *
     * @throws AssertionError when no entry of the message is due
     */
    public static List<QueueEntry> claim(DeliveryQueue queue, long messageId, String worker, Duration lease) {
        List<QueueEntry> group;
        while (!(group = queue.claimNext(worker, 10_000, lease)).isEmpty()) {
            if (group.get(0).messageId() == messageId) {
                return group;
            }
        }
        throw new AssertionError("no entry of message " + messageId + " is due");
    }

    /**
     * Lets {@code elapsed} pass for every entry of the queue: when each was queued, is due and has
     * its lease until move that far into the past, as if the database's clock had moved on.
     */
    public static void letTimePass(TestDatabase database, Duration elapsed) {
        JdbcClient.create(database.dataSource()).sql("""
                update queue_entry
                   set created_at = created_at - make_interval(secs => :elapsed),
                       next_attempt_at = next_attempt_at - make_interval(secs => :elapsed),
                       lease_until = lease_until - make_interval(secs => :elapsed)
                """).param("elapsed", elapsed.toMillis() / 1000.0).update();
    }
}
