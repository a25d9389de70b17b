/**
 * The outbound queue: one entry per external recipient of a stored message, claimed by delivery
 * workers with {@code SKIP LOCKED} under a lease, and the log of every delivery attempt. Every
 * queue time is the database's {@code now()} (ADR 0003).
 *
 * <p>Entries are added by {@link org.postroom.storage.queue.DeliveryQueue#enqueue}, inside the
 * transaction of {@code MailStore.deliver} that stores the message, and that transaction's commit
 * wakes the workers ({@link org.postroom.storage.queue.QueueSignal}). An entry leaves the queue
 * only when its delivery succeeded or failed for good; a worker that dies leaves its lease to run
 * out, and the entry is claimed again.
 */
package org.postroom.storage.queue;
