/**
 * Stored messages, whoever refers to them: the bytes ({@code message} + {@code message_chunk}),
 * stored once however many mailbox entries and outbound queue entries point at them.
 *
 * <p>{@link org.postroom.storage.message.MessageOrigin} says where a message came from (what
 * outbound delivery may vouch for), {@link org.postroom.storage.message.MessageContent} streams its
 * bytes chunk by chunk, {@link org.postroom.storage.message.MessageReaper} removes a message
 * once its last reference is gone, and {@link org.postroom.storage.message.MessageChecks} keeps the
 * verdicts of the checks a message went through on its way in ({@code message_check}), which
 * leave with it. The mailbox, the queue and the directory (deleting a user or a
 * domain) all use this package; it uses none of them.
 */
package org.postroom.storage.message;
