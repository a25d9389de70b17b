/**
 * The quarantine: messages an inbound check held back (DMARC {@code p=quarantine}, later spam)
 * instead of delivering them, decided on by the administrators and, each for their own copy, by
 * the users they were for.
 *
 * <p>A held message is stored once like any other ({@code message}, {@code message_chunk}, its
 * verdicts in {@code message_check}) with a {@code quarantine} row and its envelope recipients
 * ({@code quarantine_recipient}, V15), but without mailbox or queue entries: the row is the
 * reference that keeps it. {@link org.postroom.storage.quarantine.Quarantine} holds, lists (all, or
 * those with a recipient at one domain), releases (delivering the same stored copy as {@link
 * org.postroom.storage.mailbox.MailStore} would, in one transaction, once however many
 * administrators or processes try at the same time), deletes and expires them.
 *
 * <p>Each user whose mailbox a held message was for has a {@code quarantine_user} row (V19, ADR
 * 0006): {@link org.postroom.storage.quarantine.UserQuarantine} shows a user only those, and lets
 * them release their own copy into their INBOX or delete it; {@link
 * org.postroom.storage.quarantine.QuarantineDigests} names each new one to its user once in a daily
 * digest, in one round per day for the whole installation ({@code quarantine_digest_round}).
 * Reading the held rows is shared ({@code HeldMessages}). This package uses {@code mailbox}, {@code
 * directory} and {@code message}; none of them uses it.
 */
package org.postroom.storage.quarantine;
