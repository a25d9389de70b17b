package org.postroom.admin.queue;

import java.time.Instant;

import org.postroom.storage.queue.QueueEntry;

/**
 * A waiting delivery: one remote recipient of a stored message.
 *
 * @param sender the envelope sender, empty for the null sender of bounces
 * @param state {@code queued} (waiting for its next attempt) or {@code delivering} (a worker has it)
 */
public record QueueEntryView(long id, long messageId, String sender, String recipient, String domain, long size,
        String state, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt) {

    public static QueueEntryView of(QueueEntry entry) {
        return new QueueEntryView(entry.id(), entry.messageId(), entry.sender(), entry.recipient(), entry.domain(),
                entry.messageSize(), entry.state(), entry.attempts(), entry.nextAttemptAt(), entry.lastError(),
                entry.createdAt());
    }
}
