package org.postroom.storage.stats;

/**
 * The server's contents now, and its traffic since a given moment (usually local midnight).
 *
 * @param storedMessages messages held for mailboxes or the outbound queue, each counted once however
 *        many mailboxes hold it
 * @param storedBytes their size
 * @param received messages taken in since the moment (over SMTP, from submission, bounces)
 * @param delivered deliveries to remote servers since the moment, one per recipient
 * @param failed deliveries that failed for good since the moment, one per recipient
 */
public record ServerTotals(long domains, long users, long aliases, long storedMessages, long storedBytes,
        long received, long delivered, long failed) {
}
