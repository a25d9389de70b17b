package org.postroom.storage.mailbox;

import java.time.Instant;

/** One message in one mailbox: its UID there (stable, never reused), the stored message and size. */
public record MailboxEntry(long uid, long messageId, long size, Instant receivedAt) {
}
