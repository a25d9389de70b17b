package org.postroom.pop3.maildrop;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.postroom.storage.StorageUnavailableException;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.MailboxEntry;
import org.postroom.storage.mailbox.Mailboxes;

/**
 * The bytes of a session's next small messages, read in one query when the first of them is asked
 * for. A client collecting new mail retrieves message after message; without this, each RETR
 * would be a database round trip of its own, and with typical mail of a few KiB those round trips
 * were the largest part of a POP3 session's work after the TLS handshake (docs/PERFORMANCE.md).
 *
 * <p>What is held never exceeds {@link #BUDGET_BYTES}, one storage chunk, so a session still holds
 * at most one chunk's worth of message bytes at a time. Larger messages are not read ahead: they
 * stream chunk by chunk as before.
 */
final class ReadAhead {

    static final int BUDGET_BYTES = MailStore.CHUNK_SIZE;
    static final int MAX_MESSAGES = 64;

    private final Mailboxes mailboxes;
    private final Map<Long, byte[]> held = new HashMap<>();

    ReadAhead(Mailboxes mailboxes) {
        this.mailboxes = mailboxes;
    }

    /**
     * The entry's bytes if it is small enough: from what was read ahead, or read now together with
     * the entries that follow it. Empty for a large message and for one storage no longer has, for
     * which the caller streams the message (and reports its absence).
     *
     * @param upcoming the entry itself first, then the ones a client is likely to ask for next
     */
    Optional<byte[]> take(MailboxEntry entry, Iterator<MailboxEntry> upcoming) throws IOException {
        if (entry.size() > BUDGET_BYTES) {
            return Optional.empty();
        }
        if (!held.containsKey(entry.messageId())) {
            fill(upcoming);
        }
        return Optional.ofNullable(held.remove(entry.messageId()));
    }

    private void fill(Iterator<MailboxEntry> upcoming) throws IOException {
        held.clear();
        List<MailboxEntry> batch = new ArrayList<>();
        long bytes = 0;
        while (upcoming.hasNext() && batch.size() < MAX_MESSAGES) {
            MailboxEntry next = upcoming.next();
            if (bytes + next.size() > BUDGET_BYTES) {
                break;
            }
            batch.add(next);
            bytes += next.size();
        }
        try {
            held.putAll(mailboxes.smallContents(batch));
        } catch (StorageUnavailableException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
