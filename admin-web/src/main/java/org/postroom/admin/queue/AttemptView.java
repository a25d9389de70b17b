package org.postroom.admin.queue;

import java.time.Instant;
import java.util.Locale;

import org.postroom.storage.queue.DeliveryAttempt;

/** One delivery attempt: when, to which recipient and next hop, with what outcome and reply. */
public record AttemptView(long queueEntryId, String recipient, Instant attemptedAt, String nextHop, String outcome,
        String reply) {

    public static AttemptView of(DeliveryAttempt attempt) {
        return new AttemptView(attempt.queueEntryId(), attempt.recipient(), attempt.attemptedAt(), attempt.nextHop(),
                attempt.outcome().name().toLowerCase(Locale.ROOT), attempt.reply());
    }
}
