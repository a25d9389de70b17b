package org.postroom.storage.mailbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One message in one mailbox: its UID there (stable, never reused), the stored message and its
 * stored size, and the envelope sender ("" for the null sender).
 *
 * <p>The stored bytes are the message as it was received, shared with the outbound queue. A mail
 * client receives them after the {@link #returnPath() Return-Path line} that final delivery adds
 * (RFC 5321 §4.4); {@link #deliveredSize()} counts it.
 */
public record MailboxEntry(long uid, long messageId, long size, Instant receivedAt, String sender) {

    /** {@code Return-Path: <sender>} and CRLF; {@code <>} for the null sender. */
    public byte[] returnPath() {
        return ("Return-Path: <" + sender + ">\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The size in octets of the message as a mail client receives it. */
    public long deliveredSize() {
        return returnPath().length + size;
    }
}
