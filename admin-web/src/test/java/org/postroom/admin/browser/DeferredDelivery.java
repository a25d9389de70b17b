package org.postroom.admin.browser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.queue.QueueEntry;
import org.postroom.storage.queue.TestQueue;

/** A queued message to a remote recipient whose delivery failed once and waits half an hour for its retry. */
final class DeferredDelivery {

    private DeferredDelivery() {
    }

    /** @return the queue entry's id */
    static long queue(MailStore store, DeliveryQueue queue, String recipient) throws IOException {
        long messageId = store.deliver("alice@example.com", MessageOrigin.SUBMITTED, List.of(Recipient.remote(recipient)),
                new ByteArrayInputStream("Subject: hello\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII))).messageId();
        QueueEntry entry = TestQueue.claim(queue, messageId, "browser-test", Duration.ofMinutes(1)).get(0);
        queue.defer(entry, Duration.ofMinutes(30), Duration.ofDays(5), "mx.far.example", "451 4.7.1 greylisted");
        return entry.id();
    }
}
