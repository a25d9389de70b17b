/**
 * The administrators' quarantine: messages an inbound check held back (DMARC {@code
 * p=quarantine}, later spam) instead of delivering them.
 *
 * <p>A held message is stored once like any other ({@code message}, {@code message_chunk}, its
 * verdicts in {@code message_check}) with a {@code quarantine} row and its envelope recipients
 * ({@code quarantine_recipient}, V15), but without mailbox or queue entries: the row is the
 * reference that keeps it. {@link org.postroom.storage.quarantine.Quarantine} holds, lists,
 * releases (delivering the same stored copy as {@link org.postroom.storage.mailbox.MailStore}
 * would, in one transaction, once however many administrators or processes try at the same time),
 * deletes and expires them. This package uses {@code mailbox}, {@code directory} and {@code
 * message}; none of them uses it.
 */
package org.postroom.storage.quarantine;
