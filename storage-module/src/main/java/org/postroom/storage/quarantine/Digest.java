package org.postroom.storage.quarantine;

import java.time.Instant;
import java.util.List;

/**
 * What one quarantine digest tells a user: the messages held for them that no digest named yet,
 * oldest first.
 *
 * @param address the user's address, where the digest goes
 */
public record Digest(String address, List<Entry> entries) {

    public Digest {
        entries = List.copyOf(entries);
    }

    /**
     * One held message.
     *
     * @param sender the envelope sender, "" for the null sender
     * @param reason why it was held ({@code dmarc}, {@code spam}, …)
     * @param header its header section as text, at most {@link org.postroom.storage.message.MessageHead#LIMIT} bytes, for
     *        its Subject and From
     */
    public record Entry(long messageId, String sender, String reason, Instant heldAt, String header) {
    }
}
