package org.postroom.pop3.maildrop;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.postroom.storage.StorageUnavailableException;
import org.postroom.storage.mailbox.MailboxEntry;
import org.postroom.storage.mailbox.MaildropLock;
import org.postroom.storage.mailbox.Mailboxes;

/**
 * A user's maildrop for one POP3 session (RFC 1939 §3): the INBOX as listed ONCE at login,
 * numbered 1..n for the whole session, held under the session's exclusive {@link MaildropLock}.
 *
 * <p>STAT, LIST and UIDL answer from that listing without touching the database; only RETR and
 * TOP read (small messages several at a time, see {@link ReadAhead}; large ones streamed chunk by
 * chunk) and only QUIT writes. DELE marks a message, RSET unmarks all, and
 * {@link #expungeMarked()} removes the marked set in one transaction (RFC 1939 §6: deletions take
 * effect only in the UPDATE state), and only while the lock is still held.
 *
 * <p>A UIDL is {@code <uid validity>.<uid>}: digits and one dot, at most 39 characters, unique in
 * the mailbox, never changing and never reused, because storage hands out a UID once per UID
 * validity (RFC 1939 §7: 1 to 70 characters in 0x21..0x7E).
 *
 * <p>The session holds it in its {@link SessionState.Transaction} state; one session's commands
 * run one at a time, so it needs no locking of its own.
 */
public final class Maildrop implements AutoCloseable {

    private final Mailboxes mailboxes;
    private final MaildropLock lock;
    private final long uidValidity;
    private final List<MailboxEntry> entries;
    private final BitSet marked = new BitSet();
    private final ReadAhead readAhead;
    private final long totalOctets;
    private long markedOctets;
    private boolean closed;

    private Maildrop(Mailboxes mailboxes, MaildropLock lock, long uidValidity, List<MailboxEntry> entries) {
        this.mailboxes = mailboxes;
        this.lock = lock;
        this.uidValidity = uidValidity;
        this.entries = List.copyOf(entries);
        this.readAhead = new ReadAhead(mailboxes);
        this.totalOctets = entries.stream().mapToLong(MailboxEntry::deliveredSize).sum();
    }

    /**
     * Lists the locked mailbox once. The lock then belongs to the maildrop, which releases it on
     * {@link #close()}; if the listing fails, the lock is released at once.
     *
     * @throws StorageUnavailableException when the database cannot list the mailbox
     */
    public static Maildrop open(Mailboxes mailboxes, MaildropLock lock) {
        try {
            long mailboxId = lock.mailboxId();
            return new Maildrop(mailboxes, lock, mailboxes.uidValidity(mailboxId), mailboxes.entries(mailboxId));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** One message of the maildrop as the session numbers it. */
    public record Message(int number, String uidl, long size) {
    }

    /** What a message number refers to. */
    public sealed interface Selection {
        record Found(Message message) implements Selection {
        }

        /** Marked for deletion in this session (RFC 1939 §5: may not be referred to any more). */
        record Deleted(int number) implements Selection {
        }

        /** Never existed in this session's numbering. */
        record NoSuchMessage(int number) implements Selection {
        }
    }

    public Selection select(int number) {
        if (number < 1 || number > entries.size()) {
            return new Selection.NoSuchMessage(number);
        }
        if (marked.get(number - 1)) {
            return new Selection.Deleted(number);
        }
        return new Selection.Found(message(number));
    }

    /** The messages not marked for deletion, by number. */
    public List<Message> messages() {
        List<Message> messages = new ArrayList<>(entries.size() - marked.cardinality());
        for (int i = marked.nextClearBit(0); i < entries.size(); i = marked.nextClearBit(i + 1)) {
            messages.add(message(i + 1));
        }
        return messages;
    }

    /** How many messages are not marked for deletion (STAT, RFC 1939 §5). */
    public int count() {
        return entries.size() - marked.cardinality();
    }

    /** The size in octets of the messages not marked for deletion. */
    public long octets() {
        return totalOctets - markedOctets;
    }

    public int markedCount() {
        return marked.cardinality();
    }

    /**
     * The message as the client receives it: the Return-Path line, then the bytes as stored.
     *
     * @throws IOException when storage cannot be read
     */
    public InputStream content(Message message) throws IOException {
        MailboxEntry entry = entries.get(message.number() - 1);
        Optional<byte[]> small = readAhead.take(entry, upcoming(message.number()));
        InputStream stored = small.<InputStream>map(ByteArrayInputStream::new).orElseGet(() -> mailboxes.content(entry));
        return new SequenceInputStream(new ByteArrayInputStream(entry.returnPath()), stored);
    }

    public void mark(Message message) {
        if (!marked.get(message.number() - 1)) {
            marked.set(message.number() - 1);
            markedOctets += message.size();
        }
    }

    public void unmarkAll() {
        marked.clear();
        markedOctets = 0;
    }

    /**
     * Removes the marked messages in ONE transaction and returns how many were removed. Nothing is
     * removed when the lock was lost (another session may have taken the maildrop since) or the
     * transaction fails.
     *
     * @throws IOException when nothing could be removed
     */
    public int expungeMarked() throws IOException {
        List<Long> uids = new ArrayList<>();
        marked.stream().forEach(i -> uids.add(entries.get(i).uid()));
        return expunge(uids);
    }

    /** Releases the maildrop lock; safe to call more than once. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lock.close();
        }
    }

    private int expunge(List<Long> uids) throws IOException {
        if (uids.isEmpty()) {
            return 0;
        }
        if (closed || !lock.isHeld()) {
            throw new IOException("the lock on mailbox " + lock.mailboxId() + " was lost; nothing was removed");
        }
        try {
            return mailboxes.expunge(lock.mailboxId(), uids);
        } catch (StorageUnavailableException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The entries from this message number on, leaving out the ones marked for deletion. */
    private Iterator<MailboxEntry> upcoming(int number) {
        return new Iterator<>() {
            private int next = marked.nextClearBit(number - 1);

            @Override
            public boolean hasNext() {
                return next < entries.size();
            }

            @Override
            public MailboxEntry next() {
                MailboxEntry entry = entries.get(next);
                next = marked.nextClearBit(next + 1);
                return entry;
            }
        };
    }

    private Message message(int number) {
        MailboxEntry entry = entries.get(number - 1);
        return new Message(number, uidValidity + "." + entry.uid(), entry.deliveredSize());
    }
}
