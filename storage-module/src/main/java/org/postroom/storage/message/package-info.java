/**
 * Stored messages, whoever refers to them: the bytes ({@code message} + {@code message_chunk}),
 * stored once however many mailbox entries and outbound queue entries point at them.
 *
 * <p>{@link org.postroom.storage.message.MessageOrigin} says where a message came from (what
 * outbound delivery may vouch for), {@link org.postroom.storage.message.MessageContent} streams its
 * bytes chunk by chunk, and {@link org.postroom.storage.message.MessageReaper} removes a message
 * once its last reference is gone. The mailbox, the queue and the directory (deleting a user or a
 * domain) all use this package; it uses none of them.
 */
package org.postroom.storage.message;
