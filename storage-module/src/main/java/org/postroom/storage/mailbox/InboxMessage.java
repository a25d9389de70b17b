package org.postroom.storage.mailbox;

import java.time.Instant;

/**
 * A message in a user's INBOX, as their account page lists it.
 *
 * @param uid its UID in the INBOX (what the page names it by)
 * @param messageId the stored message's id
 * @param size its stored size in octets
 * @param sender the envelope sender, "" for the null sender
 * @param header its header section as text, at most {@link org.postroom.storage.message.MessageHead#LIMIT}
 *        bytes of it, for its Subject, From and Date without reading the whole message
 */
public record InboxMessage(long uid, long messageId, long size, Instant receivedAt, String sender, String header) {
}
