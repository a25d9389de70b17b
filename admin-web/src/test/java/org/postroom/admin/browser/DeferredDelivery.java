package org.postroom.admin.browser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.queue.QueueEntry;

/** A queued message to a remote recipient whose delivery failed once and waits half an hour for its retry. */
final class DeferredDelivery {

    private DeferredDelivery() {
    }

    /** @return the queue entry's id */
    static long queue(MailStore store, DeliveryQueue queue, String recipient) throws IOException {
        long messageId = store.deliver("alice@example.com", MessageOrigin.SUBMITTED, List.of(Recipient.remote(recipient)),
                new ByteArrayInputStream("Subject: hello\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII))).messageId();
        QueueEntry entry = queue.claimDue("browser-test", 100, Duration.ofMinutes(1)).stream()
                .filter(e -> e.messageId() == messageId).findFirst().orElseThrow();
        queue.defer(entry, Instant.now().plus(Duration.ofMinutes(30)), "mx.far.example", "451 4.7.1 greylisted");
        return entry.id();
    }
}
