package org.postroom.storage.queue;

import java.time.Instant;

import org.postroom.storage.message.MessageOrigin;

/**
 * One external recipient of a stored message waiting for delivery.
 *
 * @param sender the envelope sender, "" for the null sender of bounces
 * @param origin where the message came from (what outbound delivery may vouch for)
 * @param forwardedFor the alias this recipient was reached through, "" when the message was
 *        addressed to the recipient itself (the alias's domain is where SRS rewrites the sender to)
 * @param state {@code queued} (waiting for its next attempt) or {@code delivering} (claimed by a worker)
 */
public record QueueEntry(long id, long messageId, long messageSize, String sender, MessageOrigin origin,
        String recipient, String forwardedFor, String domain, String state, int attempts, Instant nextAttemptAt,
        String lastError, Instant createdAt) {
}
