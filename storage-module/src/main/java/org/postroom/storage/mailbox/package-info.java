/**
 * Stored messages and mailboxes.
 *
 * <p>A message's bytes are stored once ({@code message} + {@code message_chunk}), however many
 * mailboxes ({@code mailbox_entry}) and outbound queue entries refer to it; the last reference to
 * go takes the bytes with it ({@link org.postroom.storage.message.MessageReaper}).
 * {@link org.postroom.storage.mailbox.MailStore} takes in a message for all its recipients in one
 * transaction, {@link org.postroom.storage.mailbox.Mailboxes} is the read and delete side for
 * POP3, and {@link org.postroom.storage.mailbox.MaildropLocks} keeps one POP3 session per mailbox
 * across all Postroom processes.
 */
package org.postroom.storage.mailbox;
