package org.postroom.smtp.dsn;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.postroom.smtp.dsn.DeliveryStatusNotification.Report;
import org.postroom.smtp.message.MessageHeaders;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.RecipientResolution.NotLocal;
import org.postroom.storage.directory.RecipientResolution;
import org.postroom.storage.mailbox.DeliveryReceipt;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.queue.QueueEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends delivery status notifications to the sender of a message: into their mailbox when the
 * sender is local, through the outbound queue when not. A DSN goes out with the null sender
 * {@code <>} (RFC 5321 §4.5.5), and mail from the null sender never gets one, so that two
 * servers can never bounce bounces at each other.
 */
public final class Bounces {

    private static final Logger log = LoggerFactory.getLogger(Bounces.class);

    private final MailStore store;
    private final MailDirectory directory;
    private final DeliveryQueue queue;
    private final String hostname;
    private final Clock clock;

    /** DSNs from {@code MAILER-DAEMON@<hostname>}, dated by {@code clock}. */
    public Bounces(MailStore store, MailDirectory directory, DeliveryQueue queue, String hostname, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.queue = queue;
        this.hostname = hostname;
        this.clock = clock;
    }

    /**
     * Sends one DSN about {@code items}, all recipients of the message of {@code entry}, whose
     * attempts end at {@code retryUntil}. Commits the DSN (or nothing, when it throws) before it
     * returns; the caller records the outcomes only afterwards, so a crash in between repeats a
     * DSN rather than losing it.
     *
     * @throws org.postroom.storage.StorageUnavailableException when the DSN could not be stored
     */
    public void send(QueueEntry entry, DeliveryStatusNotification.Action action,
            List<DeliveryStatusNotification.Item> items, Instant retryUntil) {
        send(entry.messageId(), entry.sender(), () -> new Report(action, entry.sender(), entry.createdAt(),
                retryUntil, items, originalHeaders(entry)));
    }

    /**
     * Sends the DSN {@code report} about message {@code messageId} to {@code sender}, unless that is
     * the null sender; the report is built only when it is sent. Commits before it returns.
     *
     * @throws org.postroom.storage.StorageUnavailableException when the DSN could not be stored
     */
    void send(long messageId, String sender, Supplier<Report> report) {
        if (sender.isEmpty()) {
            log.info("no DSN for message {}: its sender is the null sender <>", messageId);
            return;
        }
        Optional<Recipient> recipient = recipient(sender);
        if (recipient.isEmpty()) {
            return;
        }
        Report dsnReport = report.get();
        byte[] dsn = DeliveryStatusNotification.compose(hostname, dsnReport, clock.instant());
        try {
            DeliveryReceipt receipt = store.deliver("", MessageOrigin.GENERATED, List.of(recipient.get()),
                    new ByteArrayInputStream(dsn));
            if (receipt.stored()) {
                log.info("DSN ({}) for message {} to <{}> about {} recipient(s) stored as message {}",
                        dsnReport.action().name().toLowerCase(Locale.ROOT), messageId, sender,
                        dsnReport.items().size(), receipt.messageId());
            } else {
                log.warn("DSN for message {} to <{}> not stored: the mailbox is over quota", messageId, sender);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a DSN in memory cannot fail to read", e);
        }
    }

    private Optional<Recipient> recipient(String sender) {
        RecipientResolution resolution = directory.resolve(sender);
        if (resolution instanceof Deliverable deliverable) {
            return Optional.of(Recipient.resolved(sender, deliverable));
        }
        if (resolution instanceof NotLocal) {
            return Optional.of(Recipient.remote(sender));
        }
        log.warn("no DSN to <{}>: the address is ours but takes no mail ({})", sender,
                resolution.getClass().getSimpleName());
        return Optional.empty();
    }

    private byte[] originalHeaders(QueueEntry entry) {
        try (InputStream content = queue.content(entry)) {
            return MessageHeaders.read(content);
        } catch (IOException e) {
            log.warn("DSN for message {} without its original headers: {}", entry.messageId(), e.getMessage());
            return new byte[0];
        }
    }
}
