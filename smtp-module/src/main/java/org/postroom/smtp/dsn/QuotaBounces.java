package org.postroom.smtp.dsn;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;

import org.postroom.smtp.dsn.DeliveryStatusNotification.Action;
import org.postroom.smtp.dsn.DeliveryStatusNotification.Item;
import org.postroom.smtp.dsn.DeliveryStatusNotification.Report;
import org.postroom.smtp.message.MessageHeaders;
import org.postroom.smtp.reply.Codes;
import org.postroom.smtp.reply.Diagnosis;
import org.postroom.storage.StorageUnavailableException;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.queue.DeliveryQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DSN for local recipients whose mailbox turned out to be full only when a message accepted
 * at DATA was committed (RCPT saw room, the message itself did not fit). RFC 5321 has one reply
 * to DATA for all recipients, so the 250 that the others earned covers these too; this report
 * (RFC 3464, action failed, status 5.2.2 "mailbox full", RFC 3463) is how the sender learns that
 * they did not get it. Mail from the null sender gets none, like every other bounce.
 */
public final class QuotaBounces {

    /** RFC 3463 §3.3: X.2.2 mailbox full; 5: Postroom will not try again. */
    static final Diagnosis MAILBOX_FULL = Diagnosis.permanent(Codes.SE_MAILBOX2_FULL2,
            "mailbox full: the message would exceed the recipient's quota");

    private static final Logger log = LoggerFactory.getLogger(QuotaBounces.class);

    private final Bounces bounces;
    private final Clock clock;

    QuotaBounces(Bounces bounces, Clock clock) {
        this.bounces = bounces;
        this.clock = clock;
    }

    /** Bounces signed {@code hostname}, stored in local mailboxes or queued for remote senders. */
    public static QuotaBounces create(String hostname, MailStore store, MailDirectory directory, DeliveryQueue queue,
            Clock clock) {
        return new QuotaBounces(new Bounces(store, directory, queue, hostname, clock), clock);
    }

    /**
     * Tells {@code sender} that message {@code messageId} (just committed) was not delivered to
     * {@code recipients}, quoting the header section of {@code message}. The message stays
     * committed whatever happens here: a DSN that cannot be stored is logged, not thrown.
     */
    public void send(String sender, long messageId, List<String> recipients, InputStream message) {
        try {
            bounces.send(messageId, sender, () -> new Report(Action.FAILED, sender, clock.instant(), clock.instant(),
                    recipients.stream().map(r -> new Item(r, "", MAILBOX_FULL)).toList(),
                    headers(messageId, message)));
        } catch (StorageUnavailableException e) {
            log.warn("DSN to <{}> about message {} not delivered to {} (mailbox full) not stored: {}", sender,
                    messageId, recipients, e.getMessage());
        }
    }

    private static byte[] headers(long messageId, InputStream message) {
        try {
            return MessageHeaders.read(message);
        } catch (IOException e) {
            log.warn("DSN for message {} without its original headers: {}", messageId, e.getMessage());
            return new byte[0];
        }
    }
}
