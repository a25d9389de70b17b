package org.postroom.storage.queue;

import java.time.Instant;
import java.util.Locale;

/** One logged attempt to deliver a queue entry: where to, and what came back. */
public record DeliveryAttempt(long id, long queueEntryId, long messageId, String recipient, Instant attemptedAt,
        String nextHop, Outcome outcome, String reply) {

    public enum Outcome {
        /** The next hop accepted the message: the entry left the queue. */
        DELIVERED,
        /** A temporary failure: the entry waits for its next attempt. */
        DEFERRED,
        /** A permanent failure (or the entry expired): the entry left the queue and the sender gets a bounce. */
        FAILED;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
